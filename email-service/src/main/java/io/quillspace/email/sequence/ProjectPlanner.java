package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.shared.events.ProjectEventV1;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a project event does to the emails: a kickoff is announced at once, and so is a file the studio attached to a
 * deliverable (once per file); other project changes send nothing.
 */
final class ProjectPlanner {

    /**
     * The email an event asks for: to the project's client, about its booking and (for a delivery) the file, now.
     *
     * @param subjectId the file a delivery email announces (one email per file); null for a kickoff
     */
    record Mail(UUID tenantId, UUID bookingId, UUID userId, String recipient, UUID subjectId,
                EmailJob.MeetingContext context, EmailSequence.Step step) {
    }

    private ProjectPlanner() {
    }

    static Optional<Mail> onEvent(ProjectEventV1 event, Instant now) {
        if (event instanceof ProjectEventV1.KickedOff kickoff) {
            return Optional.of(new Mail(kickoff.tenantId(), kickoff.bookingId(), kickoff.userId(), kickoff.clientEmail(),
                    null, MeetingContexts.of(kickoff), new EmailSequence.Step(EmailJob.Kind.KICKOFF, now)));
        }
        if (event instanceof ProjectEventV1.DeliverableFileAttached attached) {
            return Optional.of(new Mail(attached.tenantId(), attached.bookingId(), attached.userId(),
                    attached.clientEmail(), attached.fileId(), MeetingContexts.of(attached),
                    new EmailSequence.Step(EmailJob.Kind.FILE_DELIVERED, now)));
        }
        return Optional.empty();
    }
}
