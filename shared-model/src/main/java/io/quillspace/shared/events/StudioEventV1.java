package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * Studio registry changes on {@link Topics#STUDIO_EVENTS}, keyed by {@link #studioId()}, numbered per studio by
 * {@link #sequence()} (the registry row's version). The topic is compacted, so every event carries the studio's whole
 * profile and status: the last record of a key is all a new projection needs. webhook-ingress writes them through its
 * outbox; {@link #encode} and {@link #decode} are the only writer and reader of the record value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StudioEventV1.Created.class, name = StudioEventV1.Created.TYPE),
        @JsonSubTypes.Type(value = StudioEventV1.Updated.class, name = StudioEventV1.Updated.TYPE),
        @JsonSubTypes.Type(value = StudioEventV1.Suspended.class, name = StudioEventV1.Suspended.TYPE),
        @JsonSubTypes.Type(value = StudioEventV1.Resumed.class, name = StudioEventV1.Resumed.TYPE),
        @JsonSubTypes.Type(value = StudioEventV1.Deleted.class, name = StudioEventV1.Deleted.TYPE)
})
public sealed interface StudioEventV1 extends FleetEvent {

    int SCHEMA_VERSION = 1;
    EventContract<StudioEventV1> CONTRACT = new EventContract<>(Topics.STUDIO_EVENTS, SCHEMA_VERSION, StudioEventV1.class,
            "studioId");

    /** The studio the event is about: the record key, and the tenant, since a studio is a tenant. */
    UUID studioId();

    /** The studio as it is after the change. */
    Profile profile();

    /** {@code active}, {@code suspended} or {@code deleted}, after the change. */
    String status();

    /**
     * What a studio shows of itself: on its clients' emails ({@code From} display name, {@code Reply-To}, logo) and
     * wherever it is named.
     *
     * @param timeZone an IANA zone id, e.g. {@code Europe/Lisbon}
     * @param replyTo  an email address, or null for none
     * @param logoUrl  an https URL, or null
     * @param website  an https URL, or null
     */
    record Profile(String name, String timeZone, String senderDisplayName, String replyTo, String logoUrl,
                   String website) {
    }

    @JsonTypeName(Created.TYPE)
    record Created(UUID eventId, UUID studioId, long sequence, Profile profile, String status, Instant occurredAt)
            implements StudioEventV1 {

        public static final String TYPE = "studio.created";
    }

    @JsonTypeName(Updated.TYPE)
    record Updated(UUID eventId, UUID studioId, long sequence, Profile profile, String status, Instant occurredAt)
            implements StudioEventV1 {

        public static final String TYPE = "studio.updated";
    }

    @JsonTypeName(Suspended.TYPE)
    record Suspended(UUID eventId, UUID studioId, long sequence, Profile profile, String status, Instant occurredAt)
            implements StudioEventV1 {

        public static final String TYPE = "studio.suspended";
    }

    @JsonTypeName(Resumed.TYPE)
    record Resumed(UUID eventId, UUID studioId, long sequence, Profile profile, String status, Instant occurredAt)
            implements StudioEventV1 {

        public static final String TYPE = "studio.resumed";
    }

    @JsonTypeName(Deleted.TYPE)
    record Deleted(UUID eventId, UUID studioId, long sequence, Profile profile, String status, Instant occurredAt)
            implements StudioEventV1 {

        public static final String TYPE = "studio.deleted";
    }

    @Override
    @JsonIgnore
    default UUID tenantId() {
        return studioId();
    }

    @Override
    @JsonIgnore
    default UUID aggregateId() {
        return studioId();
    }

    @Override
    @JsonIgnore
    default EventContract<?> contract() {
        return CONTRACT;
    }

    /** The record value. */
    static String encode(StudioEventV1 event) {
        return CONTRACT.encode(event);
    }

    /** Reads a record value; an unknown {@code type} or a value without ids is malformed. */
    static StudioEventV1 decode(byte[] value) {
        return CONTRACT.decode(value);
    }
}
