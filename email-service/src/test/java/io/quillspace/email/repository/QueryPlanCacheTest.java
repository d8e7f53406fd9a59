package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.quillspace.email.entity.EmailJob;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertAll;
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

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Inject
    EmailJobRepository jobs;

    /**
     * Hibernate 7.2.14 (through Hibernate Reactive 3.2.11) caches a new plan for every run of a native select, in every
     * result form: this pins the defect the services' native selects suffer from; when it fails, Hibernate keys native
     * plans by value again and the bound below should become "at most one".
     */
    @Test
    void everyRunOfANativeSelectCachesAnotherPlanInEveryResultForm() {
        UUID id = UUID.randomUUID();
        assertAll(
                () -> assertPlansAdded("untyped", REPEATS, REPEATS + SLACK, () -> Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("select 'untyped'").getSingleResult()))),
                () -> assertPlansAdded("scalar class", REPEATS, REPEATS + SLACK, () -> Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("select true", Boolean.class).getSingleResult()))),
                () -> assertPlansAdded("Object[] class", REPEATS, REPEATS + SLACK, () -> Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("select 1, 2", Object[].class).getSingleResult()))),
                () -> assertPlansAdded("entity class", REPEATS, REPEATS + SLACK, () -> Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("select * from email_jobs where id = :id",
                                EmailJob.class).setParameter("id", id).getResultList()))));
    }

    @Test
    void repeatingAnHqlSelectWithALockDoesNotAddAPlanPerRun() {
        assertPlansAdded("HQL locking select", 0, SLACK, () -> Panache.withTransaction(
                () -> jobs.lockOfBookings(List.of(UUID.randomUUID()))));
    }

    private void assertPlansAdded(String form, int least, int most, Supplier<Uni<?>> query) {
        int before = cachedPlans();
        for (int i = 0; i < REPEATS; i++) {
            try {
                VertxContextSupport.subscribeAndAwait(query::get);
            } catch (Throwable failed) {
                throw new AssertionError(form + " failed", failed);
            }
        }
        int added = cachedPlans() - before;
        LOG.infof("%s, run %d times, added %d cached plans", form, REPEATS, added);
        assertTrue(added >= least && added <= most, form + " added " + added + " plans in " + REPEATS + " runs");
    }

    private int cachedPlans() {
        return ((MappingMetamodel) sessionFactory.getMetamodel()).getTypeConfiguration().getSessionFactory().getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
