package io.quillspace.infra.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.OptionalDouble;

/**
 * Requests to the service's management interface ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}), which
 * listens on its own port so that no route to the API can reach it. {@link InfrastructureTestResource} gives every test
 * JVM a free management port, so parallel builds never collide on Quarkus's fixed default (9001).
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /**
     * The value of one series in a real Prometheus scrape, named as exposed with its labels in exposition order, e.g.
     * {@code quillspace_consumer_lag_seconds{channel="calendly-webhooks.v1"}}; empty if the scrape lacks it. An exemplar
     * after the value (a trace id, when tracing is on) is ignored.
     */
    public static OptionalDouble metric(String series) {
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()).trim().split(" ", 2)[0]))
                .findFirst();
    }

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
