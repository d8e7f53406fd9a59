package io.quillspace.ingress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Typed configuration of webhook-ingress ({@code quillspace.ingress.*}). */
@ConfigMapping(prefix = "quillspace.ingress")
public interface IngressConfig {

    /** Tenant served by {@code POST /webhooks/calendly} (no tenant in the path). */
    String defaultTenant();

    /** Studios by path slug. Signing keys come from a Secret (env), never from this file in production. */
    Map<String, Tenant> tenants();

    /** Calendly events this system acts on; other verified events are answered 202 and dropped. */
    @WithDefault("invitee.created,invitee.canceled,invitee_no_show.created,invitee_no_show.deleted")
    Set<String> actedOnEvents();

    /** Bodies larger than this are refused (413) before any HMAC work. */
    @WithDefault("262144")
    int maxBodyBytes();

    Signature signature();

    /** How long to wait for the broker's acknowledgement before answering 503 so Calendly retries. */
    @WithDefault("5s")
    Duration publishTimeout();

    /**
     * Kafka producer settings for deliveries, over the application's {@code kafka.*} ones (quote dotted keys:
     * {@code quillspace.ingress.producer."linger.ms"=1}). {@code max.block.ms} is always 0.
     */
    Map<String, String> producer();

    /** How long startup waits for the delivery topic's metadata before continuing not ready. */
    @WithDefault("10s")
    Duration startupMetadataWait();

    interface Tenant {
        UUID id();

        /** Every currently valid key; two at once allow rotation without downtime. */
        List<String> signingKeys();
    }

    interface Signature {
        /** Oldest accepted timestamp, relative to now. */
        @WithDefault("180s")
        Duration tolerance();

        /** Largest accepted clock skew into the future. */
        @WithDefault("30s")
        Duration futureSkew();
    }
}
