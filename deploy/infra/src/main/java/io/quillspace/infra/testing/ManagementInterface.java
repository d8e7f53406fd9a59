package io.quillspace.infra.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

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

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
