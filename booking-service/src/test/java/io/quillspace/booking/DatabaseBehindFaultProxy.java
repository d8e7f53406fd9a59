package io.quillspace.booking;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.testing.FaultProxy;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service's reactive pool reaches PostgreSQL through a {@link FaultProxy}, as in the fault suite, so a test can make
 * the database refuse connections and drop open ones. Flyway and the tests' own SQL go straight to PostgreSQL.
 */
public class DatabaseBehindFaultProxy implements QuarkusTestProfile {

    /** Shorter than production's, so a test of it is quick. */
    static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(2);

    /** The proxy of the running profile; started with the application. */
    static volatile FaultProxy proxy;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            Infrastructure infrastructure = Infrastructure.shared();
            String direct = infrastructure.postgres().host() + ":" + infrastructure.postgres().port();
            proxy = FaultProxy.start(infrastructure.postgres().host(), infrastructure.postgres().port());
            String reactiveUrl = infrastructure.configFor(FleetService.BOOKING).get("quarkus.datasource.reactive.url");
            return Map.of("quarkus.datasource.reactive.url", reactiveUrl.replace(direct, proxy.host() + ":" + proxy.port()),
                    "quillspace.datasource.acquire-timeout", ACQUIRE_TIMEOUT.toSeconds() + "s");
        }

        /** After the shared infrastructure's resource, so this URL is the one that counts. */
        @Override
        public int order() {
            return 1;
        }

        @Override
        public void stop() {
            proxy.close();
        }
    }
}
