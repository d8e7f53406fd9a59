package io.quillspace.ingress.health;

import io.quillspace.ingress.service.SubscriptionService;
import io.quillspace.ingress.service.SubscriptionState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows each studio's webhook subscription beside the readiness checks, and is always UP: a disabled subscription is
 * Calendly's state, not this pod's, and taking the pod out of service would refuse the webhooks that still arrive.
 * The gauge {@code calendly_subscription_up} is what alerts. Reads the last known state; never calls Calendly.
 */
@Readiness
@ApplicationScoped
public class CalendlySubscriptionCheck implements HealthCheck {

    private final SubscriptionService subscriptions;

    public CalendlySubscriptionCheck(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Calendly webhook subscriptions").up();
        for (SubscriptionState state : subscriptions.lastKnown().values()) {
            response.withData(state.studio(), state.status().tag());
            if (state.retryStartedAt() != null) {
                response.withData(state.studio() + ".retry_started_at", state.retryStartedAt().toString());
            }
        }
        return response.build();
    }
}
