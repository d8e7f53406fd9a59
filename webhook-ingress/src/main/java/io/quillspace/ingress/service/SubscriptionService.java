package io.quillspace.ingress.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quillspace.ingress.client.CalendlyClient;
import io.quillspace.ingress.config.IngressConfig;
import io.quillspace.ingress.connection.ConfiguredStudios;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches each studio's webhook subscription and (re)creates it on an operator's request. Calendly disables a
 * subscription after 24 h of failed deliveries, and from then on no webhook arrives: the gauge
 * {@code calendly_subscription_up{tenant}} (1 active, 0 disabled or missing; absent until first read) and
 * {@code calendly_subscription_retry_started_at_seconds{tenant}} (0 unless Calendly is retrying) make that visible.
 * The studios are the registry's connected ones ({@link CalendlyStudios}).
 */
@ApplicationScoped
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

    private final CalendlyStudios studios;
    private final CalendlyClient calendly;
    private final IngressConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, SubscriptionState> states = new ConcurrentHashMap<>();

    public SubscriptionService(CalendlyStudios studios, CalendlyClient calendly, IngressConfig config, ObjectMapper json,
                               Clock clock, MeterRegistry registry) {
        this.registry = registry;
        this.studios = studios;
        this.calendly = calendly;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The configured studios with API access have their gauges from the start (a studio whose first read fails is then
     * still on the dashboards); a studio connected later through the API gets them with its first state.
     */
    void registerConfiguredStudios(@Observes StartupEvent started) {
        config.tenants().forEach((slug, tenant) -> {
            if (ConfiguredStudios.hasApiAccess(tenant)) {
                registerGauges(slug);
            }
        });
    }

    /** The studio's gauges; registering them again is a no-op. */
    private void registerGauges(String studio) {
        Gauge.builder("calendly.subscription.up", states,
                        known -> Optional.ofNullable(known.get(studio)).map(s -> s.up() ? 1.0 : 0.0).orElse(Double.NaN))
                .description("1 while the studio's Calendly webhook subscription is active, 0 when disabled or missing")
                .tag("tenant", studio)
                .register(registry);
        Gauge.builder("calendly.subscription.retry.started.at.seconds", states,
                        known -> Optional.ofNullable(known.get(studio))
                                .map(SubscriptionState::retryStartedAt)
                                .map(at -> at.getEpochSecond() + at.getNano() / 1e9).orElse(0.0))
                .description("When Calendly began retrying failed deliveries (epoch seconds), 0 when it is not")
                .tag("tenant", studio)
                .register(registry);
    }

    /** The last state read per studio, for the health check. */
    public Map<String, SubscriptionState> lastKnown() {
        return Map.copyOf(states);
    }

    @Scheduled(every = "${quillspace.ingress.calendly.subscription.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> checkOnSchedule() {
        return checkAll().replaceWithVoid();
    }

    /** Reads every studio's subscription; a studio whose read fails keeps its last known state. */
    public Uni<List<SubscriptionState>> checkAll() {
        return studios.eachInTurn("webhook subscription check", this::check);
    }

    /** Reads the studio's subscription and records its state. */
    public Uni<SubscriptionState> check(CalendlyStudios.Studio studio) {
        return subscriptionsOf(studio).map(subscriptions -> remember(SubscriptionState.of(studio.slug(),
                studio.callbackUrl(), subscriptions, clock.instant())));
    }

    /**
     * Creates the studio's subscription with its newest signing key, after deleting every subscription that already
     * points at its callback URL (disabled: it must be recreated; active: Calendly refuses a second one for the
     * same URL, and the key may be rotating). Webhooks missed in between are found by the next sweep.
     */
    public Uni<SubscriptionState> subscribe(CalendlyStudios.Studio studio) {
        return subscriptionsOf(studio)
                .chain(subscriptions -> Multi.createFrom().iterable(subscriptions)
                        .filter(subscription -> studio.callbackUrl().equals(subscription.path("callback_url").asText()))
                        .onItem().transformToUniAndConcatenate(old -> calendly.deleteWebhookSubscription(
                                        studio.apiToken(), CalendlyClient.uuidOf(old.path("uri").asText()))
                                .invoke(() -> LOG.infof("deleted %s webhook subscription %s of studio %s",
                                        old.path("state").asText(), old.path("uri").asText(), studio.slug())))
                        .collect().last())
                .chain(() -> calendly.createWebhookSubscription(studio.apiToken(), newSubscription(studio)))
                .map(created -> {
                    LOG.infof("created webhook subscription %s of studio %s for %s", created.path("uri").asText(),
                            studio.slug(), studio.callbackUrl());
                    return remember(SubscriptionState.of(studio.slug(), studio.callbackUrl(), List.of(created),
                            clock.instant()));
                });
    }

    private JsonNode newSubscription(CalendlyStudios.Studio studio) {
        ObjectNode subscription = json.createObjectNode()
                .put("url", studio.callbackUrl())
                .put("organization", studio.organization())
                .put("scope", "organization")
                .put("signing_key", studio.signingKey());
        config.actedOnEvents().stream().sorted().forEach(subscription.putArray("events")::add);
        return subscription;
    }

    private Uni<List<JsonNode>> subscriptionsOf(CalendlyStudios.Studio studio) {
        return calendly.webhookSubscriptions(studio.apiToken(), studio.organization()).collect().asList();
    }

    private SubscriptionState remember(SubscriptionState state) {
        SubscriptionState previous = states.put(state.studio(), state);
        if (previous == null) {
            registerGauges(state.studio());
        }
        if (previous == null || previous.status() != state.status()) {
            LOG.infof("webhook subscription of studio %s is %s", state.studio(), state.status().tag());
        }
        return state;
    }
}
