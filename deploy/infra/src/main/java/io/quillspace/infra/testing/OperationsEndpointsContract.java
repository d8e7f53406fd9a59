package io.quillspace.infra.testing;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.quillspace.infra.testing.ManagementInterface.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests every service inherits (as a {@code @QuarkusTest}): Kubernetes probes and Prometheus metrics, served on the
 * management interface only. Liveness must not
 * depend on the database or the broker, or an outage of either would restart every pod; readiness checks the database,
 * and the broker only where nothing can be served without it (an API serves reads and outbox writes through an outage).
 * The settings behind all this are the fleet's, read from shared-model below each service's own.
 */
public abstract class OperationsEndpointsContract {

    /** Whether the service has its own database, so readiness must check it. */
    protected abstract boolean hasDatabase();

    /** Whether the service can serve nothing without the broker, so readiness must check it (webhook-ingress). */
    protected boolean readinessNeedsTheBroker() {
        return false;
    }

    @Test
    void livenessIsUpAndChecksNeitherDatabaseNorBroker() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(containsString("Kafka connection"))))
                .body("checks.name", not(hasItem(containsString("Reactive PostgreSQL"))));
    }

    @Test
    void readinessChecksTheDatabaseAndTheBrokerOnlyWhereNeeded() {
        var readiness = given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", readinessNeedsTheBroker() ? hasItem(containsString("Kafka connection"))
                        : not(hasItem(containsString("Kafka connection"))));
        if (hasDatabase()) {
            readiness.body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        }
        if (!readinessNeedsTheBroker()) {
            // Each channel whose own readiness check is on shows here, dead-letter channels too: none may.
            List<Object> channels = readiness.extract().jsonPath()
                    .getList("checks.findAll { it.name.startsWith('SmallRye Reactive Messaging') }.data");
            assertTrue(channels.stream().allMatch(data -> data == null || ((Map<?, ?>) data).isEmpty()),
                    "channels in readiness: " + channels);
        }
    }

    @Test
    void operationsEndpointsAreNotServedOnTheApiPort() {
        for (String path : new String[] {"/q/health/ready", "/q/metrics", "/q/openapi"}) {
            when().get(path).then().statusCode(404);
        }
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void theFleetsSharedSettingsComeFromSharedModelBelowTheServicesOwn() {
        assertSharedSetting("mp.jwt.verify.issuer", "https://auth.quillspace.io",
                "META-INF/microprofile-config.properties");
    }

    /** {@code key} has {@code value} from shared-model's {@code file}, ranked below application.properties (250). */
    static void assertSharedSetting(String key, String value, String file) {
        ConfigValue setting = ConfigProvider.getConfig().getConfigValue(key);
        assertEquals(value, setting.getValue(), key);
        assertTrue(setting.getSourceName().contains("/" + file), key + " from " + setting.getSourceName());
        assertEquals(100, setting.getSourceOrdinal(), key + " ranks below application.properties");
    }
}
