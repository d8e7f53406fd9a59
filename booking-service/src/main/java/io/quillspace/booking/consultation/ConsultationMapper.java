package io.quillspace.booking.consultation;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.ProjectBrief;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Brief versions built from what the API received. */
public final class ConsultationMapper {

    private ConsultationMapper() {
    }

    /** A new version of the booking's brief, owned by the booking's client, not yet persisted. */
    public static ProjectBrief brief(Booking booking, BriefSubmission submission, UUID submittedBy, Instant now) {
        ProjectBrief brief = new ProjectBrief();
        brief.tenantId = booking.tenantId;
        brief.bookingId = booking.id;
        brief.userId = booking.userId;
        brief.projectName = submission.projectName();
        brief.genre = submission.genre();
        brief.manuscriptWordCount = submission.manuscriptWordCount();
        brief.budgetMin = submission.budgetMin();
        brief.budgetMax = submission.budgetMax();
        brief.desiredStartDate = submission.desiredStartDate();
        brief.goals = submission.goals();
        brief.contactEmail = submission.contactEmail();
        brief.submittedBy = submittedBy;
        brief.submittedAt = now;
        return brief;
    }

    /** Whether a submission says exactly what a stored version says: submitting it again makes no new version. */
    public static boolean sameContent(ProjectBrief stored, BriefSubmission submission) {
        return stored.projectName.equals(submission.projectName())
                && Objects.equals(stored.genre, submission.genre())
                && Objects.equals(stored.manuscriptWordCount, submission.manuscriptWordCount())
                && stored.budgetMin == submission.budgetMin()
                && stored.budgetMax == submission.budgetMax()
                && stored.desiredStartDate.equals(submission.desiredStartDate())
                && Objects.equals(stored.goals, submission.goals())
                && stored.contactEmail.equals(submission.contactEmail());
    }
}
