package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quillspace.email.entity.WaitingProposal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Sent proposals of the bound tenant that wait for their booking. */
@ApplicationScoped
public class WaitingProposalRepository implements PanacheRepositoryBase<WaitingProposal, UUID> {

    /** Keeps the proposal unless it already waits (a redelivery); true if it was added. */
    public Uni<Boolean> park(WaitingProposal proposal) {
        return findById(proposal.eventId)
                .chain(existing -> existing != null ? Uni.createFrom().item(false) : persist(proposal).replaceWith(true));
    }

    /** The bookings' waiting proposals, locked until the transaction ends, oldest first. */
    public Uni<List<WaitingProposal>> lockOfBookings(Collection<UUID> bookingIds) {
        return find("bookingId in ?1", Sort.by("receivedAt").and("eventId"), bookingIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The oldest waiting proposals no other worker is handling, locked until the transaction ends. */
    public Uni<List<WaitingProposal>> lockOldest(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from waiting_proposals order by received_at, event_id limit :limit
                        for update skip locked""", WaitingProposal.class)
                .setParameter("limit", limit)
                .getResultList());
    }
}
