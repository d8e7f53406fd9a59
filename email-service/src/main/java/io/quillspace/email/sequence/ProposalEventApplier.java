package io.quillspace.email.sequence;

import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.BookingProjection;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.entity.WaitingProposal;
import io.quillspace.email.repository.BookingProjectionRepository;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.email.repository.WaitingProposalRepository;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.messaging.UnprocessableEventException;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies proposal events: a sent proposal becomes the email that announces it, once per proposal, to the booking's
 * client as the projection knows them; the other brief and proposal events change no email. A proposal whose booking
 * has not arrived yet is kept, committed, as a {@link WaitingProposal} (so its record is acknowledged only once it is
 * safely here, and the partition goes on meanwhile); the booking's arrival or {@link WaitingProposalPass} announces it.
 */
@ApplicationScoped
public class ProposalEventApplier {

    private static final Logger LOG = Logger.getLogger(ProposalEventApplier.class);

    private final EmailJobRepository jobs;
    private final BookingProjectionRepository bookings;
    private final WaitingProposalRepository waiting;
    private final EmailConfig config;
    private final Clock clock;

    public ProposalEventApplier(EmailJobRepository jobs, BookingProjectionRepository bookings,
                                WaitingProposalRepository waiting, EmailConfig config, Clock clock) {
        this.jobs = jobs;
        this.bookings = bookings;
        this.waiting = waiting;
        this.config = config;
        this.clock = clock;
    }

    public Uni<RecordOutcome> apply(ProposalEventV1 event, ConsumerRecord<?, byte[]> record) {
        var announced = ProposalPlanner.announced(event);
        if (announced.isEmpty()) {
            return Uni.createFrom().item(RecordOutcome.IGNORED);
        }
        ProposalEventV1.ProposalSent sent = announced.get();
        Instant now = clock.instant();
        return TenantTransactions.inTenant(TenantContext.service(sent.tenantId()),
                        () -> TenantTransactions.registerTenant(sent.tenantId())
                                .chain(() -> bookings.findById(sent.bookingId()))
                                .chain(booking -> switch (ProposalPlanner.decide(booking != null, now, now,
                                        config.orphanProposalWait())) {
                                    case ANNOUNCE -> announce(booking, sent, now);
                                    case WAIT -> waiting.park(waiting(sent, record, now)).invoke(parked -> {
                                        if (parked) {
                                            LOG.infof("proposal %s waits for booking %s", sent.proposalId(),
                                                    sent.bookingId());
                                        }
                                    });
                                    case DEAD_LETTER -> Uni.createFrom().failure(new UnprocessableEventException(
                                            ProposalPlanner.deadLetterReason(sent, config.orphanProposalWait())));
                                }))
                .map(added -> added ? RecordOutcome.APPLIED : RecordOutcome.DUPLICATE)
                .invoke(outcome -> LOG.infof("%s event %s of booking %s: %s", event.type(), event.eventId(),
                        event.bookingId(), outcome.tag()));
    }

    /** Announces a waiting proposal to its booking's client and stops its wait; inside the tenant's transaction. */
    Uni<Void> release(BookingProjection booking, WaitingProposal proposal, Instant now) {
        ProposalEventV1.ProposalSent sent = sentOf(proposal);
        return announce(booking, sent, now)
                .invoke(() -> LOG.infof("proposal %s waited %s for booking %s, announced", sent.proposalId(),
                        Duration.between(proposal.receivedAt, now), booking.bookingId))
                .chain(() -> waiting.delete(proposal));
    }

    static ProposalEventV1.ProposalSent sentOf(WaitingProposal proposal) {
        return (ProposalEventV1.ProposalSent) ProposalEventV1.decode(proposal.recordValue);
    }

    /** Adds the proposal's email unless it was announced before; true if added. */
    private Uni<Boolean> announce(BookingProjection booking, ProposalEventV1.ProposalSent sent, Instant now) {
        return jobs.addIfAbsent(announcement(booking, sent, now));
    }

    /** The pending email that announces the proposal to the booking's client. */
    EmailJob announcement(BookingProjection booking, ProposalEventV1.ProposalSent sent, Instant now) {
        EmailJob job = new EmailSequence.Step(EmailJob.Kind.PROPOSAL_SENT, now).pendingJob(booking.tenantId,
                booking.bookingId, booking.userId, booking.recipient,
                MeetingContexts.withProposal(booking.context, ProposalPlanner.summary(sent, config.appUrl())), now);
        job.subjectId = sent.proposalId();
        return job;
    }

    private static WaitingProposal waiting(ProposalEventV1.ProposalSent sent, ConsumerRecord<?, byte[]> record,
                                           Instant now) {
        WaitingProposal proposal = new WaitingProposal();
        proposal.eventId = sent.eventId();
        proposal.tenantId = sent.tenantId();
        proposal.bookingId = sent.bookingId();
        proposal.recordKey = record.key() == null ? null : record.key().toString();
        proposal.recordValue = record.value();
        List<WaitingProposal.Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new WaitingProposal.Header(header.key(), header.value()));
        }
        proposal.recordHeaders = new WaitingProposal.Headers(headers);
        proposal.sourcePartition = record.partition();
        proposal.sourceOffset = record.offset();
        proposal.receivedAt = now;
        return proposal;
    }
}
