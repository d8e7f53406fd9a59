package io.quillspace.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.Ports;

import java.util.HashMap;
import java.util.Map;

/**
 * Connects the service under test to the JVM's shared {@link Infrastructure}. Declare it once per service with
 * {@code @WithTestResource(value = InfrastructureTestResource.class, scope = GLOBAL,
 * initArgs = @ResourceArg(name = "service", value = "BOOKING"))}.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    private FleetService service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = FleetService.valueOf(initArgs.get("service"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(Infrastructure.shared().configFor(service));
        // Free ports rather than Quarkus's fixed test defaults (8081, 9001): builds running side by side never collide.
        config.put("quarkus.http.test-port", Integer.toString(Ports.free()));
        config.put("quarkus.management.test-port", Integer.toString(Ports.free()));
        return config;
    }

    @Override
    public void stop() {
        // The shared infrastructure lives as long as the test JVM; its shutdown hook stops it.
    }
}
