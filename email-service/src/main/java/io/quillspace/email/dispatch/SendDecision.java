package io.quillspace.email.dispatch;

import io.quillspace.email.entity.BookingProjection;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.BookingProjectionRepository;
import io.quillspace.email.repository.SuppressionRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Whether a claimed job still goes out: the booking as this service knows it now (a reminder of a booking canceled
 * after the claim is withdrawn, see {@link SendCheck}) and, for non-transactional kinds, the recipient's unsubscribe.
 */
@ApplicationScoped
public class SendDecision {

    /** Send, or settle the job as {@code withdrawAs} for {@code reason}. */
    public record Verdict(EmailJob.Status withdrawAs, String reason) {
        static final Verdict SEND = new Verdict(null, null);

        boolean send() {
            return withdrawAs == null;
        }
    }

    private final BookingProjectionRepository bookings;
    private final SuppressionRepository suppressions;

    public SendDecision(BookingProjectionRepository bookings, SuppressionRepository suppressions) {
        this.bookings = bookings;
        this.suppressions = suppressions;
    }

    Uni<Verdict> about(EmailJob job) {
        return TenantTransactions.inTenant(TenantContext.service(job.tenantId),
                () -> bookings.findById(job.bookingId).chain(booking -> verdict(job, booking)));
    }

    private Uni<Verdict> verdict(EmailJob job, BookingProjection booking) {
        Optional<String> withdraw = SendCheck.reasonToWithdraw(job.kind, booking);
        if (withdraw.isPresent()) {
            return Uni.createFrom().item(new Verdict(EmailJob.Status.CANCELLED, withdraw.get()));
        }
        if (job.kind.transactional()) {
            return Uni.createFrom().item(Verdict.SEND);
        }
        return suppressions.isSuppressed(job.recipient).map(suppressed -> suppressed
                ? new Verdict(EmailJob.Status.SUPPRESSED, "the recipient unsubscribed") : Verdict.SEND);
    }
}
