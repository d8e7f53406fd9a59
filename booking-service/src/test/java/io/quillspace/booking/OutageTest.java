package io.quillspace.booking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quillspace.booking.calendly.BookingService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.KafkaBroker;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.ManagementInterface;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.messaging.RecordProcessor;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What an outage of the broker or the database does to bookings: it delays them, and loses or doubles nothing. */
@QuarkusTest
class OutageTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    BookingService bookings;

    @Inject
    Vertx vertx;

    @Test
    void anEventCommittedWhileTheBrokerIsDownIsRelayedOnceItReturns() throws Exception {
        KafkaBroker broker = Infrastructure.shared().kafka();
        try (CalendlyDeliveries calendly = new CalendlyDeliveries(bootstrapServers)) {
            CalendlyDeliveryV1 created = calendly.fixture("invitee.created.json");
            broker.stop();
            try {
                // Applied straight through the service: the change commits with its outbox row while no broker listens.
                assertEquals(RecordOutcome.APPLIED, applyOnVertx(created));
                assertEquals(1, DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                        "select id from outbox_events").size(), "waiting in the outbox");
                await().atMost(Duration.ofSeconds(20)).until(() -> outboxBacklog() >= 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> outboxOldestAgeSeconds() >= 1);
                // The pod stays in its Service: readiness leaves every Kafka channel out, dead-letter channels too.
                ManagementInterface.given().when().get("/q/health/ready").then()
                        .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.status",
                                org.hamcrest.Matchers.is("UP"));
            } finally {
                broker.restart();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant,
                    null, "service", "select id from outbox_events").isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxBacklog() == 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxOldestAgeSeconds() == 0);
            // At least once: a send the relay gave up on may still reach the broker; consumers dedupe by event id.
            List<BookingEventV1> relayed = eventsOfTenant(calendly);
            assertEquals(1, relayed.stream().map(BookingEventV1::eventId).distinct().count(), "one event: " + relayed);
            assertTrue(relayed.get(0) instanceof BookingEventV1.Created);
        }
    }

    @Test
    void whileTheBrokerIsKnownDownTheRelayHoldsNoPooledConnectionPerTenant() throws Exception {
        KafkaBroker broker = Infrastructure.shared().kafka();
        List<CalendlyDeliveries> studios = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                studios.add(new CalendlyDeliveries(bootstrapServers));
            }
            broker.stop();
            try {
                assertEquals(RecordOutcome.APPLIED, applyOnVertx(studios.get(0).fixture("invitee.created.json")));
                // Past the relay's send timeout, the first pass has found the broker absent.
                await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(13)).until(() -> true);
                for (CalendlyDeliveries studio : studios.subList(1, studios.size())) {
                    assertEquals(RecordOutcome.APPLIED, applyOnVertx(studio.fixture("invitee.created.json")));
                }
                // Only the sweep probes the broker, one tenant at a time: the other studios' commits start no pass.
                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                        .until(() -> connectionsWaitingInARelayPass() <= 1);
            } finally {
                broker.restart();
            }
            for (CalendlyDeliveries studio : studios) {
                await().atMost(Duration.ofSeconds(60)).until(() -> DatabaseProbe.asRuntimeRole().queryAs(studio.tenant,
                        null, "service", "select id from outbox_events").isEmpty());
            }
        } finally {
            for (CalendlyDeliveries studio : studios) {
                studio.close();
            }
        }
    }

    @Test
    void beforeTheRelayKnowsTheBrokerIsGoneNoMoreThanTwoOfItsPassesHoldAConnection() throws Exception {
        KafkaBroker broker = Infrastructure.shared().kafka();
        List<CalendlyDeliveries> studios = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                studios.add(new CalendlyDeliveries(bootstrapServers));
            }
            broker.stop();
            try {
                for (CalendlyDeliveries studio : studios) {
                    assertEquals(RecordOutcome.APPLIED, applyOnVertx(studio.fixture("invitee.created.json")));
                }
                // Every commit asked for a pass; until a send times out they wait on the broker, at most
                // quillspace.outbox.concurrency (2) at once, so the API keeps the rest of the pool.
                await().atMost(Duration.ofSeconds(5)).until(() -> connectionsWaitingInARelayPass() == 2);
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6))
                        .until(() -> connectionsWaitingInARelayPass() <= 2);
            } finally {
                broker.restart();
            }
            for (CalendlyDeliveries studio : studios) {
                await().atMost(Duration.ofSeconds(90)).until(() -> DatabaseProbe.asRuntimeRole().queryAs(studio.tenant,
                        null, "service", "select id from outbox_events").isEmpty());
            }
        } finally {
            for (CalendlyDeliveries studio : studios) {
                studio.close();
            }
        }
    }

    @Test
    void aDatabaseOutageLongerThanAMinuteNeitherStopsTheConsumerNorSkipsARecord() throws Exception {
        try (CalendlyDeliveries calendly = new CalendlyDeliveries(bootstrapServers);
             TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.CALENDLY_WEBHOOKS))) {
            CalendlyDeliveryV1 created = calendly.fixture("invitee.created.json");
            CalendlyDeliveryV1 canceled = calendly.fixture("invitee.canceled.json");
            try (DatabaseOutage outage = DatabaseOutage.begin(database())) {
                calendly.send(created);
                calendly.send(canceled);
                // Longer than the connector's default 60 s unprocessed-record watchdog.
                await().pollDelay(Duration.ofSeconds(70)).atMost(Duration.ofSeconds(71)).until(() -> true);
                ManagementInterface.given().when().get("/q/health/live").then().statusCode(200);
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> "CANCELED".equals(status(calendly)));
            assertTrue(deadLetters.drain(Duration.ofSeconds(1)).stream()
                    .noneMatch(r -> calendly.inviteeUri("INV1AAAA").equals(r.key())), "nothing dead-lettered");
            assertEquals(List.of("booking.created", "booking.canceled"),
                    eventsOfTenant(calendly).stream().map(BookingEventV1::type).toList());
        }
    }

    @Test
    void aRecordWaitingOnTheDatabaseShowsAsConsumerLagThatFallsToZeroOnceApplied() throws Exception {
        try (CalendlyDeliveries calendly = new CalendlyDeliveries(bootstrapServers)) {
            try (DatabaseOutage outage = DatabaseOutage.begin(database())) {
                calendly.send(calendly.fixture("invitee.created.json"));
                await().atMost(Duration.ofSeconds(30)).until(() -> consumerLagSeconds() >= 3);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> "SCHEDULED".equals(status(calendly)));
            await().atMost(Duration.ofSeconds(10)).until(() -> consumerLagSeconds() == 0);
        }
    }

    /** The service's connections inside a relay transaction that read its batch and now wait for the broker. */
    private static long connectionsWaitingInARelayPass() {
        return DatabaseProbe.asRuntimeRole().query("""
                select pid from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid()
                  and state = 'idle in transaction' and query like '%from outbox_events order by position%'""").size();
    }

    private static double outboxBacklog() {
        return ManagementInterface.metric("quillspace_outbox_backlog_records").orElseThrow();
    }

    private static double outboxOldestAgeSeconds() {
        return ManagementInterface.metric("quillspace_outbox_oldest_age_seconds").orElseThrow();
    }

    private static double consumerLagSeconds() {
        return ManagementInterface.metric("quillspace_consumer_lag_seconds{channel=\"calendly-webhooks.v1\"}")
                .orElseThrow();
    }

    /** Runs the service on a context of its own, as the consumer would, and waits for its outcome. */
    private RecordOutcome applyOnVertx(CalendlyDeliveryV1 delivery) throws Exception {
        CompletableFuture<RecordOutcome> outcome = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> bookings.applyShare(delivery.tenantId(),
                        List.of(new RecordProcessor.Batched<>(delivery, Span.getInvalid())))
                .subscribe().with(outcomes -> outcome.complete(outcomes.get(0)), outcome::completeExceptionally));
        return outcome.get(30, TimeUnit.SECONDS);
    }

    /** Every booking event of the tenant on the topic, from its start. */
    private List<BookingEventV1> eventsOfTenant(CalendlyDeliveries calendly) {
        try (TopicProbe all = TopicProbe.atStart(bootstrapServers, Topics.BOOKING_EVENTS)) {
            return all.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> calendly.tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)))
                    .map(r -> BookingEventV1.decode(r.value()))
                    .toList();
        }
    }

    private String database() {
        String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static Object status(CalendlyDeliveries calendly) {
        List<Map<String, Object>> rows = DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                "select status from consultation_bookings where invitee_uri = ?", calendly.inviteeUri("INV1AAAA"));
        return rows.isEmpty() ? null : rows.get(0).get("status");
    }

    /** Refuses every connection to the service's database and drops the open ones, until closed. */
    private record DatabaseOutage(String database) implements AutoCloseable {

        static DatabaseOutage begin(String database) throws Exception {
            admin("alter database " + database + " allow_connections false");
            admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            return new DatabaseOutage(database);
        }

        @Override
        public void close() throws Exception {
            admin("alter database " + database + " allow_connections true");
        }

        private static void admin(String sql) throws Exception {
            try (Connection admin = DriverManager.getConnection(Infrastructure.shared().postgres().adminUrlFor("postgres"));
                 Statement statement = admin.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
