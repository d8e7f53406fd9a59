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

    /**
     * Marks the booking's sent proposals other than {@code proposalId} superseded, each with its history entry, in one
     * statement.
     */
    public Uni<Integer> supersedeOthers(UUID bookingId, UUID proposalId, UUID actor, String actorRole) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with superseded as (
                            update proposals set status = 'SUPERSEDED', version = version + 1
                            where booking_id = :booking and status = 'SENT' and id <> :proposal
                            returning tenant_id, id, booking_id, version)
                        insert into proposal_history (tenant_id, proposal_id, booking_id, change, from_status, to_status,
                                                      version, actor, actor_role)
                        select tenant_id, id, booking_id, 'SUPERSEDED', 'SENT', 'SUPERSEDED', version, cast(:actor as uuid),
                               cast(:role as text)
                        from superseded""")
                .setParameter("booking", bookingId)
                .setParameter("proposal", proposalId)
                .setParameter("actor", actor)
                .setParameter("role", actorRole)
                .executeUpdate());
    }

    /**
     * Moves the proposals of one booking to another (a reschedule), each with its history entry, in one statement. An
     * accepted one stays behind only if the other booking has its own accepted proposal already, so the move never
     * breaks "one accepted proposal per booking".
     */
    public Uni<Integer> move(UUID fromBookingId, UUID toBookingId, UUID toUserId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with moved as (
                            update proposals set booking_id = :to, user_id = :user, version = version + 1
                            where booking_id = :from and (status <> 'ACCEPTED' or not exists (
                                select 1 from proposals other where other.booking_id = :to and other.status = 'ACCEPTED'))
                            returning tenant_id, id, status, version)
                        insert into proposal_history (tenant_id, proposal_id, booking_id, from_booking_id, change,
                                                      from_status, to_status, version, actor_role)
                        select tenant_id, id, cast(:to as uuid), cast(:from as uuid), 'MOVED', status, status, version, 'service'
                        from moved""")
                .setParameter("from", fromBookingId)
                .setParameter("to", toBookingId)
                .setParameter("user", toUserId)
                .executeUpdate());
    }
}
