package io.quillspace.ingress.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quillspace.ingress.config.IngressConfig;
import io.quillspace.ingress.connection.ConfiguredStudios;
import io.quillspace.ingress.connection.SigningKeyCache;
import io.quillspace.ingress.entity.Studio;
import io.quillspace.ingress.messaging.DeliveryPublisher;
import io.quillspace.ingress.studio.StudioStatuses;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The path of one Calendly delivery: size, media type, tenant, signature header, then (with the body) signature,
 * shape, the studio's status (held in memory by {@link StudioStatuses}), publish. Each step refuses with its own
 * {@link Outcome}; every outcome is counted in {@code calendly_webhooks_total}. The checks on headers alone also run
 * before the body is read ({@link #screen}).
 */
@Startup
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    private final IngressConfig config;
    private final SignatureVerifier verifier;
    private final DeliveryPublisher publisher;
    private final JsonFactory json;
    private final MeterRegistry registry;
    private final Clock clock;
    private final StudioStatuses statuses;
    private final SigningKeyCache signingKeys;
    private final ConfiguredStudios studios;
    private final SampledRejectionLog rejections = new SampledRejectionLog(LOG, System::nanoTime);
    // Looked up once per series: building a meter's id and finding it in the registry costs more than the increment.
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Outcome, Timer> timers = new ConcurrentHashMap<>();

    private record CounterKey(String tenant, String event, Outcome outcome) {
    }

    public WebhookIntake(IngressConfig config, SignatureVerifier verifier, DeliveryPublisher publisher,
                         ObjectMapper objectMapper, MeterRegistry registry, Clock clock, StudioStatuses statuses,
                         SigningKeyCache signingKeys, ConfiguredStudios studios) {
        this.config = config;
        this.verifier = verifier;
        this.publisher = publisher;
        this.json = objectMapper.getFactory();
        this.registry = registry;
        this.clock = clock;
        this.statuses = statuses;
        this.signingKeys = signingKeys;
        this.studios = studios;
        registerAtZero();
    }

    /**
     * Every studio's accepted and 503 series exist from start-up, at 0: a counter born with its first 503 is invisible
     * to {@code increase()}, and the 503 ratio needs its denominator on every replica (eager: {@link Startup}).
     */
    private void registerAtZero() {
        for (String tenant : config.tenants().keySet()) {
            for (String event : config.actedOnEvents()) {
                for (Outcome outcome : new Outcome[]{Outcome.ACCEPTED, Outcome.UNAVAILABLE}) {
                    counter(new CounterKey(tenant, event, outcome));
                }
            }
        }
    }

    private Counter counter(CounterKey key) {
        return counters.computeIfAbsent(key, k -> registry.counter("calendly.webhooks",
                "tenant", k.tenant(), "event", k.event(), "outcome", k.outcome().tag()));
    }

    /** A delivery as it arrived; {@code tenantSlug} is null on the single-tenant path. */
    public record Delivery(String tenantSlug, String contentType, String signatureHeader, byte[] body) {
    }

    /**
     * What the request line and headers say about a delivery, before its body is read.
     *
     * @param contentLength the declared body size, or -1 when none is declared (a chunked body)
     */
    public record DeliveryHeaders(String tenantSlug, String contentType, String signatureHeader, long contentLength) {
    }

    /**
     * Refuses, counts and logs a delivery that its headers alone disqualify (no declared length, too large, not JSON,
     * unknown studio, missing or garbled signature header), so an unauthenticated caller never gets the body read into memory.
     *
     * @return the refusal to answer with, or empty when the body is worth reading
     */
    public Optional<DeliveryRejectedException> screen(DeliveryHeaders headers) {
        Timer.Sample timing = Timer.start(registry);
        String slug = slug(headers.tenantSlug());
        try {
            checkHeaders(slug, headers.contentType(), headers.signatureHeader(), headers.contentLength());
            return Optional.empty();
        } catch (DeliveryRejectedException rejected) {
            reject(timing, tenantTag(slug), rejected);
            return Optional.of(rejected);
        }
    }

    /**
     * Completes, with no item, once the delivery is published (the broker acknowledged it) or ignored; fails with
     * {@link DeliveryRejectedException} otherwise.
     */
    public Uni<Void> receive(Delivery delivery) {
        Timer.Sample timing = Timer.start(registry);
        String slug = slug(delivery.tenantSlug());
        String tenantTag = tenantTag(slug);
        Verified verified;
        try {
            verified = verify(slug, delivery);
        } catch (DeliveryRejectedException rejected) {
            reject(timing, tenantTag, rejected);
            return Uni.createFrom().failure(rejected);
        }
        // Fields of this request's log lines (JSON in production); Quarkus keeps MDC per request context.
        MDC.put("tenantId", verified.tenantId().toString());
        MDC.put("deliveryId", verified.deliveryId().toString());
        Studio.Status status = statuses.of(verified.tenantId());
        if (status == Studio.Status.DELETED) {
            // Calendly disables a subscription that keeps failing: what a deleted studio's should become.
            DeliveryRejectedException deleted = new DeliveryRejectedException(Outcome.UNKNOWN_TENANT,
                    "the studio of this webhook path was deleted");
            reject(timing, tenantTag, deleted);
            return Uni.createFrom().failure(deleted);
        }
        if (status == Studio.Status.SUSPENDED) {
            LOG.infof("suspended studio's %s delivery %s answered, not published", verified.event(), verified.deliveryId());
            record(timing, tenantTag, verified.event(), Outcome.SUSPENDED);
            return Uni.createFrom().voidItem();
        }
        if (!config.actedOnEvents().contains(verified.event())) {
            LOG.infof("ignored %s delivery %s: not an event this system acts on", verified.event(), verified.deliveryId());
            record(timing, tenantTag, verified.event(), Outcome.IGNORED);
            return Uni.createFrom().voidItem();
        }
        // One stage settles the answer, its log line and its metrics: Mutiny captures and restores the request's
        // context around every stage's callback, which costs more than the work each would do.
        return publisher.publish(verified.toRecord(clock.instant()))
                .ifNoItem().after(config.publishTimeout()).fail()
                .onItemOrFailure().transformToUni((acknowledged, failure) -> {
                    if (failure != null) {
                        LOG.warnf("delivery %s not acknowledged by the broker: %s", verified.deliveryId(), failure.toString());
                        record(timing, tenantTag, verified.event(), Outcome.UNAVAILABLE);
                        return Uni.createFrom().failure(new DeliveryRejectedException(Outcome.UNAVAILABLE,
                                "the event broker did not acknowledge the delivery; retry later"));
                    }
                    LOG.infof("accepted %s delivery %s", verified.event(), verified.deliveryId());
                    record(timing, tenantTag, verified.event(), Outcome.ACCEPTED);
                    return Uni.createFrom().voidItem();
                });
    }

    private String slug(String pathSlug) {
        return pathSlug == null ? config.defaultTenant() : pathSlug;
    }

    /** Unauthenticated callers choose the path: only studios with signing keys become metric tags. */
    private String tenantTag(String slug) {
        return config.tenants().containsKey(slug) || studios.studioOf(slug).filter(signingKeys::knows).isPresent()
                ? slug : "unknown";
    }

    private void reject(Timer.Sample timing, String tenantTag, DeliveryRejectedException rejected) {
        rejections.log(tenantTag, rejected);
        record(timing, tenantTag, "unknown", rejected.outcome());
    }

    private void record(Timer.Sample timing, String tenant, String event, Outcome outcome) {
        counter(new CounterKey(tenant, event, outcome)).increment();
        timing.stop(timers.computeIfAbsent(outcome, key -> Timer.builder("calendly.webhook.duration")
                .description("Verification and publishing of one Calendly delivery, until the answer")
                .tag("outcome", key.tag())
                .publishPercentileHistogram()
                .register(registry)));
    }

    /**
     * @param deliveryId  the same for every redelivery of one event: {@link CalendlyDeliveryV1#deliveryId}
     * @param orderingKey the invitee URI (for no-shows, the invitee they mark), so one invitee's events stay in order
     */
    private record Verified(UUID tenantId, String event, UUID deliveryId, String orderingKey, Instant updatedAt,
                            byte[] body, DeliveryBody parsed) {

        ProducerRecord<String, byte[]> toRecord(Instant receivedAt) {
            return CalendlyDeliveryV1.record(orderingKey, deliveryId, tenantId, event, updatedAt, receivedAt,
                    CalendlyDeliveryV1.Source.WEBHOOK, body, parsed.payloadOffset(), parsed.payloadLength());
        }
    }

    /** A studio and a well-formed signature header, or a refusal: everything that can be known before the body. */
    private record Admitted(UUID studio, List<String> signingKeys, SignatureVerifier.ParsedHeader signature) {
    }

    private Admitted checkHeaders(String slug, String contentType, String signatureHeader, long contentLength) {
        if (contentLength < 0) {
            // Calendly always declares the length; a chunked body could only be measured by reading it.
            throw new DeliveryRejectedException(Outcome.LENGTH_REQUIRED, "a delivery must declare its Content-Length");
        }
        if (contentLength > config.maxBodyBytes()) {
            throw new DeliveryRejectedException(Outcome.TOO_LARGE, "body exceeds " + config.maxBodyBytes() + " bytes");
        }
        if (!isJson(contentType)) {
            throw new DeliveryRejectedException(Outcome.UNSUPPORTED_MEDIA_TYPE, "content type must be application/json");
        }
        UUID studio = studios.studioOf(slug).orElseThrow(WebhookIntake::unknownStudio);
        List<String> keys;
        try {
            keys = signingKeys.acceptedAt(studio, clock.instant());
        } catch (SigningKeyCache.ColdCacheException cold) {
            throw new DeliveryRejectedException(Outcome.UNAVAILABLE, "signing keys are not loaded yet; retry later");
        }
        if (keys.isEmpty()) {
            throw unknownStudio();
        }
        return new Admitted(studio, keys, SignatureVerifier.parse(signatureHeader));
    }

    private Verified verify(String slug, Delivery delivery) {
        Admitted admitted = checkHeaders(slug, delivery.contentType(), delivery.signatureHeader(), delivery.body().length);
        verifier.verify(admitted.signature(), delivery.body(), admitted.signingKeys());
        DeliveryBody parsed;
        try {
            parsed = DeliveryBody.read(json, delivery.body());
        } catch (DeliveryBody.NotADeliveryException e) {
            throw badRequest(e.getMessage());
        }
        String uri = parsed.uri();
        if (uri == null || uri.isEmpty()) {
            throw badRequest("payload.uri is missing");
        }
        String event = parsed.event();
        String orderingKey = CalendlyDeliveryV1.key(event, uri, parsed.invitee());
        UUID deliveryId = CalendlyDeliveryV1.deliveryId(event, uri);
        return new Verified(admitted.studio(), event, deliveryId, orderingKey, updatedAt(parsed), delivery.body(), parsed);
    }

    /** {@code payload.updated_at}, or {@code created_at} for payloads that are never updated (no-shows). */
    private static Instant updatedAt(DeliveryBody parsed) {
        String text = parsed.updatedAt() != null ? parsed.updatedAt() : parsed.createdAt();
        try {
            return text == null || text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw badRequest("payload.updated_at is not an ISO-8601 instant");
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase();
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static DeliveryRejectedException unknownStudio() {
        return new DeliveryRejectedException(Outcome.UNKNOWN_TENANT, "no studio is connected at this webhook path");
    }

    private static DeliveryRejectedException badRequest(String detail) {
        return new DeliveryRejectedException(Outcome.BAD_REQUEST, detail);
    }
}
