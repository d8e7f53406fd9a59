package io.quillspace.ingress;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.testing.FaultProxy;

import java.util.List;
import java.util.Map;

/**
 * The service's reactive pool and its notification listener reach PostgreSQL through a {@link FaultProxy} that
 * refuses every connection from before start-up until a test lets them through. Flyway goes straight to PostgreSQL.
 */
public class DatabaseDownAtStart implements QuarkusTestProfile {

    /** The proxy of the running profile; started, refusing, before the application. */
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
            proxy = FaultProxy.start(infrastructure.postgres().host(), infrastructure.postgres().port())
                    .refuseConnections(true);
            String reactiveUrl = infrastructure.configFor(FleetService.WEBHOOK_INGRESS).get("quarkus.datasource.reactive.url");
            return Map.of("quarkus.datasource.reactive.url", reactiveUrl.replace(direct, proxy.host() + ":" + proxy.port()));
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
