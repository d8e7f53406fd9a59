package io.quillspace.email.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One email of a booking's sequence, sent by the dispatcher when due. */
@Entity
@Table(name = "email_jobs")
public class EmailJob extends PanacheEntityBase {

    /**
     * What the email is for. Non-transactional kinds honour unsubscribes and the recipient's quiet hours; kinds about
     * the meeting are withdrawn when the booking is canceled or moved.
     */
    public enum Kind {
        CONFIRMATION(true, true), REMINDER_24H(true, true), REMINDER_1H(true, true), FOLLOW_UP(false, true),
        CANCELLATION(true, true), RESCHEDULED(true, true), NO_SHOW(true, true), PROPOSAL_SENT(true, false),
        KICKOFF(true, false), FILE_DELIVERED(true, false);

        private final boolean transactional;
        private final boolean aboutTheMeeting;

        Kind(boolean transactional, boolean aboutTheMeeting) {
            this.transactional = transactional;
            this.aboutTheMeeting = aboutTheMeeting;
        }

        public boolean transactional() {
            return transactional;
        }

        public boolean aboutTheMeeting() {
            return aboutTheMeeting;
        }
    }

    /** A proposal as the email announcing it shows it; {@code url} is where the client reads and answers it. */
    public record ProposalSummary(String title, String price, String currency, Instant validUntil, String url) {
    }

    /** A file the studio attached to a deliverable, as the email telling the client shows it. */
    public record DeliveredFile(String projectName, String deliverableName, String fileName) {
    }

    /** A project's plan as its kickoff email shows it. */
    public record ProjectPlan(String name, LocalDate kickoffDate, List<PlanPhase> phases) {
    }

    public record PlanPhase(String name, LocalDate start, LocalDate end, List<PlanDeliverable> deliverables) {
    }

    public record PlanDeliverable(String name, LocalDate due) {
    }

    /**
     * CANCELLED: the booking was canceled, moved or marked a no-show before the email went out; it is never sent.
     * SUPPRESSED: the recipient unsubscribed from this non-transactional kind.
     */
    public enum Status { PENDING, SENT, FAILED, CANCELLED, SUPPRESSED }

    /** Where the meeting takes place, as Calendly gave it; any part may be null. */
    public record Location(String type, String location, String joinUrl) {
    }

    /**
     * What the templates show, captured from the booking event.
     *
     * @param previousStartTime where a rescheduled meeting was before it moved; null otherwise
     * @param calendarUid       the calendar entry the email's invitation creates, updates or cancels
     * @param project           the project a kickoff email announces; null otherwise
     * @param proposal          the proposal a proposal email announces; null otherwise
     * @param delivered         the deliverable's file a delivery email announces; null otherwise
     */
    public record MeetingContext(String inviteeName, String eventName, Instant startTime, Instant endTime,
                                 String inviteeTimeZone, String cancelUrl, String rescheduleUrl, Location location,
                                 Instant previousStartTime, String calendarUid, int calendarSequence,
                                 ProjectPlan project, ProposalSummary proposal, DeliveredFile delivered) {
    }

    @Id
    public UUID id;

    public UUID tenantId;

    public UUID bookingId;

    /** What, besides the booking, the email is about (the proposal of a PROPOSAL_SENT); null for other kinds. */
    public UUID subjectId;

    public UUID userId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    public Status status;

    public String recipient;

    @JdbcTypeCode(SqlTypes.JSON)
    public MeetingContext context;

    public Instant scheduledFor;

    /** Attempts the recipient's side answered; an unreachable SMTP server does not count. */
    public int attempts;

    public String lastError;

    /** End of the current claim; the job is another worker's to take after it. */
    public Instant lockedUntil;

    /** Which claim holds the job: renewing, and settling, it requires this token to be unchanged. */
    public UUID claimToken;

    /** The same on every (re)send of this job. */
    public String messageId;

    /** What the SMTP server answered when it accepted the message. */
    public String smtpResponse;

    public Instant sentAt;

    public Instant createdAt;

    public Instant updatedAt;

    public static String messageIdFor(UUID jobId) {
        return "<" + jobId + "@quillspace.email>";
    }
}
