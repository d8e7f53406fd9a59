package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.shared.events.ProjectEventV1;

import java.time.Instant;
import java.util.Optional;

/** What a project event does to the emails: a kickoff is announced at once; later project changes send nothing. */
final class ProjectPlanner {

    /** The kickoff email an event asks for, and when it is due. */
    record Kickoff(ProjectEventV1.KickedOff event, EmailSequence.Step step) {
    }

    private ProjectPlanner() {
    }

    static Optional<Kickoff> onEvent(ProjectEventV1 event, Instant now) {
        return event instanceof ProjectEventV1.KickedOff kickoff
                ? Optional.of(new Kickoff(kickoff, new EmailSequence.Step(EmailJob.Kind.KICKOFF, now)))
                : Optional.empty();
    }
}
