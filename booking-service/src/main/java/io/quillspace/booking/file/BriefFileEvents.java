package io.quillspace.booking.file;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BriefFile;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.outbox.OutboxMessage;

import java.util.UUID;

/** The event an attached brief file raises, numbered in the booking's sequence, and its outbox message. */
final class BriefFileEvents {

    private BriefFileEvents() {
    }

    static OutboxMessage attached(Booking booking, BriefFile file) {
        ProposalEventV1 event = new ProposalEventV1.BriefFileAttached(UUID.randomUUID(), booking.tenantId, booking.id,
                booking.nextEventSequence(), file.id, file.userId, file.uploadedBy, file.briefVersion, file.fileName,
                file.contentType, file.size, file.attachedAt);
        return new OutboxMessage(event.eventId(), event.tenantId(), Topics.PROPOSAL_EVENTS,
                event.bookingId().toString(), event.type(), ProposalEventV1.SCHEMA_VERSION,
                ProposalEventV1.encode(event));
    }
}
