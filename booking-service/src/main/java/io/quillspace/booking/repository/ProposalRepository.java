package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quillspace.booking.entity.Proposal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProposalRepository implements PanacheRepositoryBase<Proposal, UUID> {

    /** The booking's proposals the caller may see (a client never sees drafts), oldest first. */
    public Uni<List<Proposal>> ofBooking(UUID bookingId) {
        return list("bookingId", Sort.by("createdAt").and("id"), bookingId);
    }

    /**
     * The booking of a proposal the caller may see, or null; read without loading the proposal, so that the booking can
     * be locked before the proposal is.
     */
    public Uni<UUID> bookingOf(UUID proposalId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select booking_id from proposals where id = :id", UUID.class)
                .setParameter("id", proposalId)
                .getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** Whether the booking has an accepted proposal other than {@code proposalId}. */
    public Uni<Boolean> hasAnotherAccepted(UUID bookingId, UUID proposalId) {
        return count("bookingId = ?1 and status = ?2 and id <> ?3", bookingId, Proposal.Status.ACCEPTED, proposalId)
                .map(count -> count > 0);
    }

    /** Marks the booking's sent proposals other than {@code proposalId} superseded. */
    public Uni<Integer> supersedeOthers(UUID bookingId, UUID proposalId) {
        return update("status = ?1, version = version + 1 where bookingId = ?2 and status = ?3 and id <> ?4",
                Proposal.Status.SUPERSEDED, bookingId, Proposal.Status.SENT, proposalId);
    }

    /**
     * Moves the proposals of one booking to another (a reschedule). An accepted one stays behind only if the other
     * booking has its own accepted proposal already, so the move never breaks "one accepted proposal per booking".
     */
    public Uni<Integer> move(UUID fromBookingId, UUID toBookingId, UUID toUserId) {
        return update("""
                        bookingId = ?1, userId = ?2, version = version + 1 where bookingId = ?3 and (status <> ?4
                        or not exists (select 1 from Proposal other where other.bookingId = ?1 and other.status = ?4))""",
                toBookingId, toUserId, fromBookingId, Proposal.Status.ACCEPTED);
    }
}
