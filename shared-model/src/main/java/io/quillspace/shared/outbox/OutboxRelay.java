package io.quillspace.shared.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.messaging.TraceContext;
import io.quillspace.shared.tenancy.AsyncPermits;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantSignals;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves committed {@link Outbox} events to Kafka in the order they were written, and deletes each batch once the
 * broker acknowledged all of it (acks=all). One relay per tenant runs at a time across every replica (an advisory
 * lock), so a booking's events leave in order. Delivery is at least once (a crash between acknowledgement and delete
 * re-sends the batch); consumers deduplicate by event id.
 *
 * <p>A relay pass for a tenant starts as soon as a transaction that wrote to its outbox commits ({@link TenantSignals}
 * on the insert trigger's notification). Every {@code quillspace.outbox.sweep-interval} (see {@link OutboxConfig})
 * {@link #sweepAllTenants()} is the safety net for notifications lost while the listening connection was down and for
 * failed sends, and {@link #measureBacklog()} publishes {@code quillspace_outbox_backlog_records} and
 * {@code quillspace_outbox_oldest_age_seconds} (apart from the sweep, which can wait on an absent broker).
 *
 * <p>A service has the relay when it configures the outgoing channel {@value #CHANNEL} (and the {@code db/outbox}
 * table); each record names its own topic, so the channel's default topic is never used.
 */
// A singleton: nothing here needs a client proxy.
@Singleton
@IfBuildProperty(name = "mp.messaging.outgoing." + OutboxRelay.CHANNEL + ".connector", stringValue = "smallrye-kafka")
public class OutboxRelay {

    /** The outgoing channel the relay publishes on. */
    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** How long a batch may wait for the broker's acknowledgements while its transaction holds a connection. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Timer lag;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    /**
     * Set by a send the broker did not acknowledge in time, cleared by one it did. While set, committed transactions
     * start no relay pass of their own: each would hold a pooled connection while waiting on the absent broker, and
     * with many studios writing the API's requests would queue behind them. The sweep alone probes, one tenant at a time.
     */
    private final AtomicBoolean brokerUnreachable = new AtomicBoolean();
    private final AsyncPermits passes;
    private final TenantSignals signals;

    public OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, OutboxConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.batchSize = config.batchSize();
        this.passes = new AsyncPermits(config.concurrency());
        this.signals = new TenantSignals(Outbox.NOTIFY_CHANNEL,
                tenant -> passes.withPermit(() -> brokerUnreachable.get() ? Uni.createFrom().item(0) : relayAll(tenant))
                        .replaceWithVoid(),
                this::sweepAllTenants);
        this.lag = Timer.builder("quillspace.outbox.relay.lag")
                .description("Time from an event's commit into the outbox to the broker's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("quillspace.outbox.backlog.records", backlog, AtomicLong::get)
                .description("Events committed into this service's outbox and not yet relayed, as of the last count")
                .register(registry);
        // The alert reads age, not count: a stuck relay shows at once even when bookings are rare.
        Gauge.builder("quillspace.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get)
                .description("How long the oldest event not yet relayed has waited in the outbox, as of the last count")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * Counts every tenant's events still waiting in the outbox into {@code quillspace_outbox_backlog_records}, and the
     * oldest one's age into {@code quillspace_outbox_oldest_age_seconds} (0 when none waits).
     */
    // Not before the application (and its Kafka channels) is up, nor while it shuts down.
    @Scheduled(every = "${quillspace.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measureBacklog() {
        AtomicLong waiting = new AtomicLong();
        AtomicLong oldest = new AtomicLong();
        return TenantTransactions.forEachKnownTenant("outbox backlog", tenant -> TenantTransactions.inTenant(
                        TenantContext.service(tenant), () -> Panache.getSession().chain(session -> session
                                .createNativeQuery("""
                                        select count(*), coalesce(floor(extract(epoch from now() - min(created_at))), 0)::bigint
                                        from outbox_events""", Object[].class).getSingleResult()))
                        .invoke(row -> {
                            waiting.addAndGet(((Number) row[0]).longValue());
                            oldest.accumulateAndGet(((Number) row[1]).longValue(), Math::max);
                        })
                        .replaceWithVoid())
                .invoke(() -> {
                    backlog.set(waiting.get());
                    oldestAgeSeconds.set(oldest.get());
                })
                .onFailure().invoke(failure -> LOG.warnf("outbox backlog count failed, the next one retries: %s",
                        failure.toString()))
                .onFailure().recoverWithNull();
    }

    /**
     * One pass over every tenant; each tenant's pass relays what is pending, batch after batch. A failed pass (the
     * database is down, say) is logged in one line and left to the next.
     */
    @Scheduled(every = "${quillspace.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweepAllTenants() {
        return TenantTransactions.forEachKnownTenant("outbox relay",
                        tenant -> passes.withPermit(() -> relayAll(tenant)).replaceWithVoid())
                .onFailure().invoke(failure -> LOG.warnf("outbox sweep failed, the next one retries: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** Relays the tenant's pending events until none is left; the item is how many were sent. */
    public Uni<Integer> relayAll(UUID tenantId) {
        return publishBatch(tenantId).chain(sent -> sent < batchSize
                ? Uni.createFrom().item(sent)
                : relayAll(tenantId).map(more -> sent + more));
    }

    /** Publishes the tenant's oldest pending events, up to one batch; 0 if another relay holds the tenant. */
    Uni<Integer> publishBatch(UUID tenantId) {
        return TenantTransactions.inTenant(TenantContext.service(tenantId), () -> tryBecomeRelay(tenantId)
                .chain(relay -> !relay ? Uni.createFrom().item(List.<Object[]>of()) : oldestPending())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : send(rows)
                        .chain(() -> delete(rows))
                        .map(ignored -> rows.size())));
    }

    /**
     * Makes this transaction the tenant's only relay until it ends, so events leave in the order they were written
     * even with several replicas or a sweep beside a notified pass; false if another relay has it.
     */
    private static Uni<Boolean> tryBecomeRelay(UUID tenantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtext('outbox-relay'), hashtext(:tenant))", Boolean.class)
                .setParameter("tenant", tenantId.toString())
                .getSingleResult());
    }

    /**
     * The bound tenant's oldest pending events in write order. No row locks: the advisory lock already makes this the
     * tenant's only relay, and the runtime role may not update outbox rows.
     */
    private Uni<List<Object[]>> oldestPending() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id, tenant_id, topic, record_key, event_type, schema_version, payload, created_at,
                               trace_parent
                        from outbox_events order by position limit :limit""", Object[].class)
                .setParameter("limit", batchSize)
                .getResultList());
    }

    /** Sends the batch in order and completes once the broker acknowledged every record. */
    private Uni<Void> send(List<Object[]> rows) {
        List<Uni<Void>> acknowledgements = rows.stream().map(row -> {
            OutboxMessage message = new OutboxMessage((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                    (String) row[4], ((Number) row[5]).intValue(), (String) row[6]);
            Instant committed = instant(row[7]);
            return emitter.sendMessage(record(message, (String) row[8]))
                    .invoke(() -> lag.record(Duration.between(committed, Instant.now())));
        }).toList();
        return TenantTransactions.resumeOnCallerContext(Uni.join().all(acknowledgements).andFailFast().replaceWithVoid()
                .ifNoItem().after(SEND_TIMEOUT).fail()
                .invoke(() -> brokerUnreachable.set(false))
                .onFailure().invoke(() -> brokerUnreachable.set(true)));
    }

    private static Uni<Integer> delete(List<Object[]> rows) {
        List<UUID> ids = rows.stream().map(row -> (UUID) row[0]).toList();
        return Panache.getSession().chain(session -> session.createNativeQuery("delete from outbox_events where id in (:ids)")
                .setParameter("ids", ids)
                .executeUpdate());
    }

    /**
     * The record of an outbox event. The connector's producer span, and the {@code traceparent} it puts on the record,
     * continue the trace the event was appended in.
     */
    private static Message<String> record(OutboxMessage message, String traceParent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.TENANT_ID, bytes(message.tenantId().toString()));
        headers.add(EventHeaders.EVENT_ID, bytes(message.id().toString()));
        headers.add(EventHeaders.EVENT_TYPE, bytes(message.eventType()));
        headers.add(EventHeaders.SCHEMA_VERSION, bytes(Integer.toString(message.schemaVersion())));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(message.topic()).withKey(message.key()).withHeaders(headers).build();
        Message<String> record = Message.of(message.payload()).addMetadata(metadata);
        return traceParent == null ? record
                : record.addMetadata(TracingMetadata.withCurrent(TraceContext.fromTraceparent(traceParent)));
    }

    /**
     * Starts relaying each tenant's events as soon as a transaction that wrote them commits (the outbox trigger's
     * notification); every (re)subscription is followed by a sweep, which relays what was committed meanwhile.
     */
    void listen(@Observes StartupEvent started, Vertx vertx) {
        signals.listen(vertx, TenantSignals.datasource());
    }

    void stopListening(@Observes ShutdownEvent stopping) {
        signals.close();
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((java.time.LocalDateTime) value).toInstant(java.time.ZoneOffset.UTC);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
