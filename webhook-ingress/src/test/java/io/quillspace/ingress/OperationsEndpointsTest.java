package io.quillspace.ingress;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.OperationsEndpointsContract;
import org.junit.jupiter.api.Test;

import static io.quillspace.infra.testing.ManagementInterface.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

@QuarkusTest
class OperationsEndpointsTest extends OperationsEndpointsContract {

    @Override
    protected boolean hasDatabase() {
        return false;
    }

    /** Its only work is a durable write to the broker: without one it would answer every delivery 503. */
    @Override
    protected boolean readinessNeedsTheBroker() {
        return true;
    }

    @Test
    void readinessWaitsForTheDeliveryTopicsMetadataSinceSendsNeverWaitForIt() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Calendly delivery publishing' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Calendly delivery publishing' }.data.partitions", greaterThan(0));
    }

    @Test
    void deliveryProducerMetricsAreExported() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("kafka_producer_record_send_total{client_id=\"webhook-ingress-deliveries\""));
    }
}
