package io.quillspace.email.sequence;

import io.quarkus.scheduler.Scheduled;
import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.WaitingProposal;
import io.quillspace.email.repository.BookingProjectionRepository;
import io.quillspace.email.repository.WaitingProposalRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Looks at every tenant's waiting proposals now and then: one whose booking has arrived meanwhile (its arrival raced
 * the proposal's wait) is announced; one that waited longer than {@code quillspace.email.orphan-proposal-wait} is
 * dead-lettered with that reason and stops waiting. The dead letter is written before the wait is deleted, in the
 * wait's transaction: a crash between the two writes it twice, never loses it.
 */
@ApplicationScoped
public class WaitingProposalPass {

    private static final Logger LOG = Logger.getLogger(WaitingProposalPass.class);
    private static final int BATCH = 100;

    private final WaitingProposalRepository waiting;
    private final BookingProjectionRepository bookings;
    private final ProposalEventApplier proposals;
    private final ProposalDeadLetters deadLetters;
    private final EmailConfig config;
    private final Clock clock;

    public WaitingProposalPass(WaitingProposalRepository waiting, BookingProjectionRepository bookings,
                               ProposalEventApplier proposals, ProposalDeadLetters deadLetters, EmailConfig config,
                               Clock clock) {
        this.waiting = waiting;
        this.bookings = bookings;
        this.proposals = proposals;
        this.deadLetters = deadLetters;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${quillspace.email.orphan-proposal-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> recheckAll() {
        return TenantTransactions.forEachKnownTenant("waiting proposals", this::recheck);
    }

    /**
     * Rechecks the tenant's oldest waiting proposals, the first to expire; newer ones beyond the batch are released by
     * their booking's arrival or a later pass.
     */
    Uni<Void> recheck(UUID tenantId) {
        Instant now = clock.instant();
        return TenantTransactions.inTenant(TenantContext.service(tenantId), () -> waiting.lockOldest(BATCH)
                .chain(found -> Multi.createFrom().iterable(found)
                        .onItem().transformToUniAndConcatenate(proposal -> recheck(proposal, now))
                        .collect().last()
                        .replaceWithVoid()));
    }

    private Uni<Void> recheck(WaitingProposal proposal, Instant now) {
        return bookings.findById(proposal.bookingId).chain(booking -> switch (ProposalPlanner.decide(booking != null,
                proposal.receivedAt, now, config.orphanProposalWait())) {
            case ANNOUNCE -> proposals.release(booking, proposal, now);
            case WAIT -> Uni.createFrom().voidItem();
            case DEAD_LETTER -> {
                String reason = ProposalPlanner.deadLetterReason(ProposalEventApplier.sentOf(proposal),
                        config.orphanProposalWait());
                LOG.errorf("proposal event %s dead-lettered: %s", proposal.eventId, reason);
                yield deadLetters.send(proposal, reason).chain(() -> waiting.delete(proposal));
            }
        });
    }
}
