package io.quillspace.booking.rest;

import io.quillspace.booking.entity.Booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A consultation as the API shows it. */
public record ConsultationView(UUID id, UUID userId, String status, String eventName, Instant startTime,
                               Instant endTime, String inviteeTimeZone, List<Booking.IntakeAnswer> intakeAnswers,
                               String cancelUrl, String rescheduleUrl) {

    static ConsultationView of(Booking booking) {
        return new ConsultationView(booking.id, booking.userId, booking.status.name(), booking.eventName,
                booking.startTime, booking.endTime, booking.inviteeTimeZone, booking.intake.answers(),
                booking.cancelUrl, booking.rescheduleUrl);
    }
}
