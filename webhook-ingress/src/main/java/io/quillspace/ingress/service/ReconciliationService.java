package io.quillspace.ingress.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quillspace.ingress.client.CalendlyClient;
import io.quillspace.ingress.config.IngressConfig;
import io.quillspace.ingress.entity.Studio;
import io.quillspace.ingress.messaging.DeliveryPublisher;
import io.quillspace.ingress.repository.WatermarkRepository;
import io.quillspace.ingress.studio.StudioStatuses;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconciliation: reads each studio's meetings and invitees from Calendly's API and publishes every invitee as the
 * delivery its webhook would have been ({@link InviteeDeliveries}), on the same topic, with the same delivery id.
 * booking-service drops what it already applied (same delivery id) and what is stale (its lifecycle and
 * {@code payload.updated_at}), so a sweep over unchanged data changes nothing and one that finds a missed
 * create, cancel or reschedule repairs it. Every studio is swept in turn; one studio's failure is logged and counted
 * and the others go on. A completed sweep moves the studio's watermark ({@link SweepWindow}).
 */
@ApplicationScoped
public class ReconciliationService {

    private static final Logger LOG = Logger.getLogger(ReconciliationService.class);

    private final CalendlyStudios studios;
    private final CalendlyClient calendly;
    private final WatermarkRepository watermarks;
    private final DeliveryPublisher publisher;
    private final IngressConfig.Reconciliation settings;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Clock clock;
    private final StudioStatuses statuses;
    // Per studio, epoch seconds of its last completed sweep by any replica (the watermark), 0 if none ever completed.
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public ReconciliationService(CalendlyStudios studios, CalendlyClient calendly, WatermarkRepository watermarks,
                                 DeliveryPublisher publisher, IngressConfig config, ObjectMapper json,
                                 MeterRegistry registry, Clock clock, StudioStatuses statuses) {
        this.studios = studios;
        this.calendly = calendly;
        this.watermarks = watermarks;
        this.publisher = publisher;
        this.settings = config.calendly().reconciliation();
        this.json = json;
        this.registry = registry;
        this.clock = clock;
        this.statuses = statuses;
    }

    /** What one sweep of one studio read and published. */
    public record SweepResult(String studio, Instant sweptFrom, int events, int invitees, int published,
                              long durationMillis) {
    }

    @Scheduled(every = "${quillspace.ingress.calendly.reconciliation.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweepOnSchedule() {
        return sweepAll().replaceWithVoid();
    }

    /**
     * Sweeps, one after the other, every active studio with API access whose lease this replica wins (see
     * {@link WatermarkRepository#claim}); completes with the sweeps that completed. A failed sweep gives its lease up.
     * A suspended studio is not swept, so its watermark stays where the suspension began: the first sweep after it is
     * resumed reads the whole gap.
     */
    public Uni<List<SweepResult>> sweepAll() {
        return studios.eachInTurn("reconciliation", studio -> {
            if (statuses.of(studio.tenantId()) != Studio.Status.ACTIVE) {
                LOG.debugf("studio %s is %s: not swept", studio.slug(), statuses.of(studio.tenantId()).value());
                return Uni.createFrom().nullItem();
            }
            Instant now = clock.instant();
            return learnLastSuccess(studio).chain(() -> watermarks.claim(studio.tenantId(), now, now.plus(settings.lease()))
                    .chain(claimed -> claimed ? sweep(studio) : skipped(studio)))
                    .onFailure().call(() -> watermarks.release(studio.tenantId()).onFailure().recoverWithNull());
        });
    }

    private static Uni<SweepResult> skipped(CalendlyStudios.Studio studio) {
        LOG.debugf("studio %s was swept by another replica within its lease", studio.slug());
        return Uni.createFrom().nullItem();
    }

    /** Sweeps one studio; fails if Calendly cannot be read or a delivery cannot be published (the watermark stays). */
    public Uni<SweepResult> sweep(CalendlyStudios.Studio studio) {
        Instant started = clock.instant();
        return watermarks.find(studio.tenantId())
                .map(watermark -> SweepWindow.start(started, watermark == null ? null : watermark.sweepStartedAt,
                        settings.lookback(), settings.overlap()))
                .chain(from -> calendly.scheduledEvents(studio.apiToken(), studio.organization(), from)
                        .onItem().transformToUni(event -> reconcileMeeting(studio, event)).merge(settings.concurrency())
                        .collect().in(Tally::new, Tally::add)
                        .chain(tally -> watermarks.save(studio.tenantId(), from, started, clock.instant(), tally.events,
                                        tally.invitees)
                                .map(saved -> new SweepResult(studio.slug(), from, tally.events, tally.invitees,
                                        tally.published, clock.millis() - started.toEpochMilli()))))
                .invoke(result -> {
                    LOG.infof("reconciled studio %s from %s: %d meetings, %d invitees, %d deliveries in %d ms",
                            studio.slug(), result.sweptFrom(), result.events(), result.invitees(), result.published(),
                            result.durationMillis());
                    count(studio, "success");
                    lastSuccess(studio).set(clock.instant().getEpochSecond());
                })
                .onFailure().invoke(() -> {
                    count(studio, "failure");
                    lastSuccess(studio);
                });
    }

    /**
     * Every replica reports the studio's last completed sweep as the database has it, whoever swept: a pod that has
     * not swept yet (a rollout, a scale-up) then neither hides nor fakes the studio's state. Unreadable: left as is.
     */
    private Uni<Void> learnLastSuccess(CalendlyStudios.Studio studio) {
        return watermarks.find(studio.tenantId())
                .invoke(watermark -> {
                    if (watermark != null && watermark.completedAt != null) {
                        lastSuccess(studio).accumulateAndGet(watermark.completedAt.getEpochSecond(), Math::max);
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The studio's {@code calendly_reconciliation_last_success_timestamp_seconds}, registered at its first use. */
    private AtomicLong lastSuccess(CalendlyStudios.Studio studio) {
        return lastSuccess.computeIfAbsent(studio.slug(), slug -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("calendly.reconciliation.last.success.timestamp", seconds, AtomicLong::get)
                    .description("When a reconciliation sweep of the studio last completed, by any replica; 0 if never")
                    .baseUnit("seconds")
                    .tag("tenant", slug)
                    .register(registry);
            return seconds;
        });
    }

    /** One meeting: its invitees read, each published as its deliveries, in order. */
    private Uni<Tally> reconcileMeeting(CalendlyStudios.Studio studio, JsonNode event) {
        String eventUri = event.path("uri").asText();
        return calendly.invitees(studio.apiToken(), CalendlyClient.uuidOf(eventUri)).collect().asList()
                .chain(invitees -> {
                    Instant readAt = clock.instant();
                    List<CalendlyDeliveryV1> deliveries = invitees.stream()
                            .flatMap(invitee -> InviteeDeliveries.of(studio.tenantId(), invitee, event, readAt, json).stream())
                            .toList();
                    return Multi.createFrom().iterable(deliveries)
                            .onItem().transformToUniAndConcatenate(delivery -> publisher.publish(delivery.record())
                                    .invoke(() -> registry.counter("calendly.reconciliation.deliveries",
                                            "tenant", studio.slug(), "event", delivery.event()).increment()))
                            .collect().last()
                            .map(ignored -> new Tally(1, invitees.size(), deliveries.size()));
                });
    }

    private void count(CalendlyStudios.Studio studio, String outcome) {
        registry.counter("calendly.reconciliation.sweeps", "tenant", studio.slug(), "outcome", outcome).increment();
    }

    /** Running totals of one sweep. */
    private static final class Tally {
        int events;
        int invitees;
        int published;

        Tally() {
        }

        Tally(int events, int invitees, int published) {
            this.events = events;
            this.invitees = invitees;
            this.published = published;
        }

        void add(Tally meeting) {
            events += meeting.events;
            invitees += meeting.invitees;
            published += meeting.published;
        }
    }
}
