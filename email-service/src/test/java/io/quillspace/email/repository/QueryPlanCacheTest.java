package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How repeated queries use Hibernate's plan cache. A plan key that never equals its twin fills the cache with copies of
 * one statement, all in one hash bin, so every lookup compares against all of them.
 */
@QuarkusTest
class QueryPlanCacheTest {

    private static final Logger LOG = Logger.getLogger(QueryPlanCacheTest.class);
    private static final int REPEATS = 50;
    /** Background passes (dispatch, outbox relay) run native selects of their own meanwhile. */
    private static final int SLACK = 10;
    /** quarkus.hibernate-orm.query.query-plan-cache-max-size in shared-model's configuration. */
    private static final int PLAN_CACHE_BOUND = 256;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Inject
    EmailJobRepository jobs;

    /**
     * Hibernate 7.2.14 (through Hibernate Reactive 3.2.11) caches a new plan for every run of a native select, in every
     * result form (untyped, scalar, Object[] and entity results alike). The shared {@code query-plan-cache-max-size}
     * bounds how many copies a lookup compares against; without it, twice the bound in runs of one statement leave twice
     * the bound in plans.
     */
    @Test
    void everyRunOfANativeSelectCachesAnotherPlanUpToTheConfiguredBound() {
        for (int i = 0; i < 2 * PLAN_CACHE_BOUND; i++) {
            run(() -> Panache.withSession(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery("select true", Boolean.class).getSingleResult())));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(cachedPlans() <= PLAN_CACHE_BOUND,
                cachedPlans() + " plans cached, above quarkus.hibernate-orm.query.query-plan-cache-max-size"));
    }

    @Test
    void repeatingAnHqlSelectWithALockDoesNotAddAPlanPerRun() {
        assertPlansAdded("HQL locking select", 0, SLACK, () -> Panache.withTransaction(
                () -> jobs.lockOfBookings(List.of(UUID.randomUUID()))));
    }

    private void assertPlansAdded(String form, int least, int most, Supplier<Uni<?>> query) {
        int before = cachedPlans();
        for (int i = 0; i < REPEATS; i++) {
            run(query);
        }
        int added = cachedPlans() - before;
        LOG.infof("%s, run %d times, added %d cached plans", form, REPEATS, added);
        assertTrue(added >= least && added <= most, form + " added " + added + " plans in " + REPEATS + " runs");
    }

    private static void run(Supplier<Uni<?>> query) {
        try {
            VertxContextSupport.subscribeAndAwait(query::get);
        } catch (Throwable failed) {
            throw new AssertionError("query failed", failed);
        }
    }

    private int cachedPlans() {
        return ((MappingMetamodel) sessionFactory.getMetamodel()).getTypeConfiguration().getSessionFactory().getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
