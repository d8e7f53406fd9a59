package io.quillspace.ingress;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quillspace.infra.testing.CalendlyApiStandIn;

import java.util.Map;

/** Points the Calendly API client at one {@link CalendlyApiStandIn} for the whole test JVM. */
public class CalendlyApiTestResource implements QuarkusTestResourceLifecycleManager {

    private static CalendlyApiStandIn standIn;

    /** The stand-in the running application talks to. */
    static synchronized CalendlyApiStandIn standIn() {
        if (standIn == null) {
            standIn = CalendlyApiStandIn.start();
        }
        return standIn;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.calendly.url", standIn().baseUrl());
    }

    @Override
    public void stop() {
        // Lives as long as the test JVM, like the rest of the infrastructure.
    }
}
