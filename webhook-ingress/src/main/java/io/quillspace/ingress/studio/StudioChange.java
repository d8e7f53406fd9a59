package io.quillspace.ingress.studio;

import io.quillspace.ingress.entity.Studio;
import io.quillspace.shared.events.StudioEventV1;

import java.time.Instant;
import java.util.UUID;

/** What happened to a studio, and the event that reports it with the studio as it now is. */
enum StudioChange {
    CREATED, UPDATED, SUSPENDED, RESUMED, DELETED;

    StudioEventV1 event(Studio studio, Instant at) {
        UUID eventId = UUID.randomUUID();
        StudioEventV1.Profile profile = new StudioEventV1.Profile(studio.name, studio.timeZone,
                studio.senderDisplayName, studio.replyTo, studio.logoUrl, studio.website);
        String status = studio.status.value();
        return switch (this) {
            case CREATED -> new StudioEventV1.Created(eventId, studio.id, studio.version, profile, status, at);
            case UPDATED -> new StudioEventV1.Updated(eventId, studio.id, studio.version, profile, status, at);
            case SUSPENDED -> new StudioEventV1.Suspended(eventId, studio.id, studio.version, profile, status, at);
            case RESUMED -> new StudioEventV1.Resumed(eventId, studio.id, studio.version, profile, status, at);
            case DELETED -> new StudioEventV1.Deleted(eventId, studio.id, studio.version, profile, status, at);
        };
    }
}
