package io.quillspace.booking.consultation;

import io.quillspace.booking.entity.Booking;

import java.time.Instant;
import java.util.Map;

/**
 * The studio's consultation figures for consultations starting in {@code [from, to)}.
 *
 * @param byStatus          how many are in each status
 * @param upcomingNext7Days how many scheduled consultations start in the next 7 days (whatever the range)
 * @param funnel            how many were booked, then got a brief, were sent a proposal, accepted one (rescheduled
 *                          bookings are left out: their brief and proposals count with the booking that replaced them)
 */
public record DashboardView(Instant from, Instant to, Map<Booking.Status, Long> byStatus, long upcomingNext7Days,
                            Funnel funnel) {

    public record Funnel(long booked, long briefSubmitted, long proposalSent, long accepted) {
    }

    static DashboardView of(ConsultationService.Dashboard dashboard) {
        var funnel = dashboard.funnel();
        return new DashboardView(dashboard.from(), dashboard.to(), dashboard.byStatus(), dashboard.upcoming(),
                new Funnel(funnel.booked(), funnel.briefSubmitted(), funnel.proposalSent(), funnel.accepted()));
    }
}
