package io.quillspace.ingress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Typed configuration of webhook-ingress ({@code quillspace.ingress.*}). */
@ConfigMapping(prefix = "quillspace.ingress")
public interface IngressConfig {

    /** Tenant served by {@code POST /webhooks/calendly} (no tenant in the path). */
    String defaultTenant();

    /**
     * Configured studios by path slug, seeded into the registry where it lacks them (connection/ConfiguredStudios).
     * Signing keys come from a Secret (env), never from this file in production.
     */
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

    /** Calendly's API: reconciliation sweeps and the webhook subscription's health. */
    Calendly calendly();

    /** The key-encryption keys that seal stored Calendly tokens and signing keys (a Kubernetes Secret). */
    Kek kek();

    interface Kek {
        /** Every KEK that may still have sealed a stored value, by id ({@code [a-z0-9]+}): base64 of 32 bytes. */
        Map<String, String> keys();

        /**
         * The id of the KEK that seals from now on; {@code POST /key-encryption/reseals} moves the rest to it. Required
         * to serve (the service refuses to start without it), not to migrate: the init container never sees the KEKs.
         */
        Optional<String> current();
    }

    interface Tenant {
        UUID id();

        /** The keys to seed, oldest first ({@code old,new}): generations 1, 2, ... of the studio's signing key. */
        List<String> signingKeys();

        /** The studio's Calendly API token (a Secret), seeded with {@link #organization} as its connection. */
        Optional<String> apiToken();

        /** The studio's Calendly organization URI, e.g. {@code https://api.calendly.com/organizations/ABC}. */
        Optional<String> organization();
    }

    interface Calendly {
        /**
         * Where Calendly reaches this service from outside, e.g. {@code https://hooks.quillspace.io/webhooks/calendly};
         * each studio's subscription points at {@code <callback-base-url>/<studio>}.
         */
        @WithDefault("http://localhost:8080/webhooks/calendly")
        String callbackBaseUrl();

        Reconciliation reconciliation();

        Subscription subscription();

        Api api();

        /**
         * How long a signing key stays accepted after a newer one replaced it: Calendly retries a failed delivery
         * for up to 24 hours (then disables the subscription), so no delivery signed with the old key arrives later.
         */
        @WithDefault("24h")
        Duration signingKeyOverlap();
    }

    interface Reconciliation {
        /** Time between sweeps of every studio ({@code off} disables the schedule; on-demand sweeps still work). */
        @WithDefault("15m")
        String interval();

        /** How far into the past the first sweep of a studio reads; later ones start from the watermark. */
        @WithDefault("7d")
        Duration lookback();

        /**
         * How far before the previous sweep's start a sweep reads again: changes to meetings that began since (late
         * cancels, no-show marks) are still found.
         */
        @WithDefault("24h")
        Duration overlap();

        /**
         * How long a replica's scheduled sweep of a studio keeps the other replicas' from sweeping it too: a little
         * under the interval, so each interval sees one sweep per studio whatever the replica count.
         */
        @WithDefault("14m")
        Duration lease();

        /**
         * Scheduled events whose invitees are read at once, per studio: a sweep waits on Calendly's answers, not on
         * CPU (2,000 invitees: 29.6 s at 4, 18.2 s at 16). A 429 still waits its Retry-After.
         */
        @WithDefault("16")
        int concurrency();
    }

    interface Subscription {
        /** Time between reads of every studio's webhook subscription ({@code off} disables it). */
        @WithDefault("5m")
        String checkInterval();
    }

    interface Api {
        /** Items per page (Calendly's maximum is 100). */
        @WithDefault("100")
        int pageSize();

        /** Attempts per API call, the first included, for 429s, 5xx answers and timeouts. */
        @WithDefault("5")
        int maxAttempts();

        /** First backoff after a failure without Retry-After; doubles per attempt. */
        @WithDefault("1s")
        Duration backoff();

        /** Longest wait honoured, from Retry-After or backoff; a longer Retry-After fails the call (the next sweep retries). */
        @WithDefault("60s")
        Duration maxWait();
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
