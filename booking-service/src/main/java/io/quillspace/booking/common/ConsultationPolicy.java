package io.quillspace.booking.common;

import io.quillspace.booking.entity.Booking;
import io.quillspace.shared.problem.Conflict;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The rules a consultation's brief and its proposals share: when "now" is, and which bookings take new work. */
@ApplicationScoped
public class ConsultationPolicy {

    public static final Conflict.Reason CONSULTATION_RESCHEDULED = new Conflict.Reason("consultation-rescheduled",
            "The consultation was moved to a new booking");

    private final Clock clock;

    public ConsultationPolicy(Clock clock) {
        this.clock = clock;
    }

    /**
     * Now, at the database's precision (microseconds): a repeated request answers from the stored row, and must say
     * exactly what the first answer said.
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A rescheduled booking's brief and proposals live on with the booking that replaced it; it takes no new ones. */
    public Uni<Void> requireNotRescheduled(Booking booking) {
        if (booking.status != Booking.Status.RESCHEDULED) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().failure(new Conflict(CONSULTATION_RESCHEDULED,
                "this consultation was moved to " + booking.rescheduledToBookingId + ": use that one"));
    }
}
