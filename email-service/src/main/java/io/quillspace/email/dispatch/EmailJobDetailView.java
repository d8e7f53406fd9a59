package io.quillspace.email.dispatch;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quillspace.email.entity.EmailJobHistoryEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An email job as its detail view shows it: the job's fields and its history, oldest change first. */
public record EmailJobDetailView(@JsonUnwrapped EmailJobView job, List<Change> history) {

    /**
     * One change of the job.
     *
     * @param event  {@code CREATED | CLAIMED | RETRY | SENT | FAILED | CANCELLED | SUPPRESSED | REQUEUED}
     * @param reason the SMTP server's answer, the error, or why the job was withdrawn
     * @param actor  the admin who made the change (a retry); none for the dispatcher and the sequence
     */
    public record Change(String event, String fromStatus, String toStatus, String reason, Instant scheduledFor,
                         UUID actor, Instant at) {
    }

    static EmailJobDetailView of(EmailJobAdmin.WithHistory found) {
        return new EmailJobDetailView(EmailJobView.of(found.job()), found.history().stream()
                .map(EmailJobDetailView::change)
                .toList());
    }

    private static Change change(EmailJobHistoryEntry entry) {
        return new Change(entry.event, entry.fromStatus, entry.toStatus, entry.reason, entry.scheduledFor, entry.actor,
                entry.at);
    }
}
