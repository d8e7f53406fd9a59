package io.quillspace.booking.consultation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;
import io.quillspace.booking.proposal.ProposalView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A consultation as the API shows it; {@code history}, {@code brief}, {@code briefVersions} and {@code proposals}
 * only in the single-consultation view.
 *
 * @param rescheduledFrom the consultation this one replaced
 * @param rescheduledTo   the consultation that replaced this one
 * @param brief           the latest version of the project brief, if one was submitted
 * @param briefVersions   every version of the brief, oldest first
 * @param proposals       the proposals the caller may see (a client never sees drafts), oldest first
 */
public record ConsultationView(UUID id, UUID userId, String status, String eventName, Instant startTime,
                               Instant endTime, String inviteeTimeZone, Booking.Location location,
                               List<Booking.IntakeAnswer> intakeAnswers, String cancelUrl, String rescheduleUrl,
                               Cancellation cancellation, UUID rescheduledFrom, UUID rescheduledTo, boolean noShow,
                               Booking.Tracking tracking,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<HistoryView> history,
                               @JsonInclude(JsonInclude.Include.NON_NULL) BriefView brief,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<BriefView> briefVersions,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<ProposalView> proposals) {

    /** Who canceled, why, and when; present once the consultation is canceled or rescheduled. */
    public record Cancellation(String canceledBy, String cancelerType, String reason, Instant canceledAt) {
    }

    /** One change in the consultation's history. */
    public record HistoryView(String change, String fromStatus, String toStatus, boolean noShow, UUID deliveryId,
                              String calendlyEvent, String actor, String actorType, String reason, Instant occurredAt,
                              Instant recordedAt) {

        static HistoryView of(BookingHistoryEntry entry) {
            return new HistoryView(entry.change.name(), entry.fromStatus == null ? null : entry.fromStatus.name(),
                    entry.toStatus.name(), entry.noShow, entry.deliveryId, entry.calendlyEvent, entry.actor,
                    entry.actorType, entry.reason, entry.occurredAt, entry.recordedAt);
        }
    }

    static ConsultationView of(Booking booking) {
        return of(booking, null, null, null, null);
    }

    static ConsultationView of(ConsultationService.Consultation found) {
        List<BriefView> versions = new ArrayList<>();
        for (int i = 0; i < found.briefVersions().size(); i++) {
            versions.add(BriefView.of(found.briefVersions().get(i), i + 1));
        }
        return of(found.booking(), found.history().stream().map(HistoryView::of).toList(),
                versions.isEmpty() ? null : versions.get(versions.size() - 1), versions,
                found.proposals().stream().map(ProposalView::of).toList());
    }

    private static ConsultationView of(Booking booking, List<HistoryView> history, BriefView brief,
                                       List<BriefView> briefVersions, List<ProposalView> proposals) {
        Cancellation cancellation = booking.status == Booking.Status.SCHEDULED ? null
                : new Cancellation(booking.canceledBy, booking.cancelerType, booking.cancelReason, booking.canceledAt);
        return new ConsultationView(booking.id, booking.userId, booking.status.name(), booking.eventName,
                booking.startTime, booking.endTime, booking.inviteeTimeZone, booking.location, booking.intake.answers(),
                booking.cancelUrl, booking.rescheduleUrl, cancellation, booking.rescheduledFromBookingId,
                booking.rescheduledToBookingId, booking.noShow, booking.tracking, history, brief,
                briefVersions, proposals);
    }
}
