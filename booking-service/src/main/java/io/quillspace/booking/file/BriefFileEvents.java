package io.quillspace.booking.file;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BriefFile;
import io.quillspace.shared.events.ProposalEventV1;

import java.util.UUID;

/** The event an attached brief file raises, numbered in the booking's sequence. */
final class BriefFileEvents {

    private BriefFileEvents() {
    }

    static ProposalEventV1 attached(Booking booking, BriefFile file) {
        return new ProposalEventV1.BriefFileAttached(UUID.randomUUID(), booking.tenantId, booking.id,
                booking.nextEventSequence(), file.id, file.userId, file.uploadedBy, file.briefVersion, file.fileName,
                file.contentType, file.size, file.attachedAt);
    }
}
