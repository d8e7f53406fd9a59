package io.quillspace.booking.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;
import io.quillspace.booking.service.BookingService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A consultation as the API shows it; {@code history} only in the single-consultation view.
 *
 * @param rescheduledFrom the consultation this one replaced
 * @param rescheduledTo   the consultation that replaced this one
 */
public record ConsultationView(UUID id, UUID userId, String status, String eventName, Instant startTime,
                               Instant endTime, String inviteeTimeZone, Booking.Location location,
                               List<Booking.IntakeAnswer> intakeAnswers, String cancelUrl, String rescheduleUrl,
                               Cancellation cancellation, UUID rescheduledFrom, UUID rescheduledTo, boolean noShow,
                               Booking.Tracking tracking,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<HistoryView> history) {

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
        return of(booking, null);
    }

    static ConsultationView of(BookingService.BookingWithHistory found) {
        return of(found.booking(), found.history().stream().map(HistoryView::of).toList());
    }

    private static ConsultationView of(Booking booking, List<HistoryView> history) {
        Cancellation cancellation = booking.status == Booking.Status.SCHEDULED ? null
                : new Cancellation(booking.canceledBy, booking.cancelerType, booking.cancelReason, booking.canceledAt);
        return new ConsultationView(booking.id, booking.userId, booking.status.name(), booking.eventName,
                booking.startTime, booking.endTime, booking.inviteeTimeZone, booking.location, booking.intake.answers(),
                booking.cancelUrl, booking.rescheduleUrl, cancellation, booking.rescheduledFromBookingId,
                booking.rescheduledToBookingId, booking.noShow, booking.tracking, history);
    }
}
