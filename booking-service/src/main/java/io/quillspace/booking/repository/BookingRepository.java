package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quillspace.booking.entity.Booking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class BookingRepository implements PanacheRepositoryBase<Booking, UUID> {

    /** The bound tenant's booking, locked until the transaction ends, or null (also when RLS hides it). */
    public Uni<Booking> lockById(UUID id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * The query's consultations, newest start first. The tenant (and a user's own id) repeat the policies' conditions
     * so the planner walks the matching index: {@code bookings_by_start} for an admin, {@code bookings_by_user} for a user.
     */
    public PanacheQuery<Booking> matching(UUID tenantId, ConsultationQuery query) {
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        Parameters parameters = Parameters.with("tenant", tenantId);
        if (query.owner() != null) {
            where.append(" and userId = :owner");
            parameters.and("owner", query.owner());
        }
        if (query.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", query.status());
        }
        if (query.from() != null) {
            where.append(" and startTime >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and startTime < :to");
            parameters.and("to", query.to());
        }
        return find(where.toString(), Sort.descending("startTime", "id"), parameters);
    }

    /** How many of the bound tenant's bookings starting in {@code [from, to)} are in each status (every status listed). */
    public Uni<Map<Booking.Status, Long>> countByStatus(Instant from, Instant to) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select status, count(*) from consultation_bookings
                        where start_time >= :from and start_time < :to group by status""", Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList())
                .map(rows -> {
                    Map<Booking.Status, Long> counts = new EnumMap<>(Booking.Status.class);
                    for (Booking.Status status : Booking.Status.values()) {
                        counts.put(status, 0L);
                    }
                    for (Object[] row : rows) {
                        counts.put(Booking.Status.valueOf((String) row[0]), ((Number) row[1]).longValue());
                    }
                    return counts;
                });
    }

    /** How many scheduled bookings start in {@code [from, to)}. */
    public Uni<Long> countScheduled(Instant from, Instant to) {
        return count("status = ?1 and startTime >= ?2 and startTime < ?3", Booking.Status.SCHEDULED, from, to);
    }

    /** The funnel's stages, each a number of bookings starting in the range (see {@link #funnel}). */
    public record Funnel(long booked, long briefSubmitted, long proposalSent, long accepted) {
    }

    /**
     * Of the bookings starting in {@code [from, to)}, how many were booked, have a brief, were sent a proposal, and
     * accepted one. A rescheduled booking is left out: its brief and proposals moved to the booking that replaced it.
     */
    public Uni<Funnel> funnel(Instant from, Instant to) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select count(*),
                               count(*) filter (where exists (select 1 from project_briefs brief
                                   where brief.tenant_id = b.tenant_id and brief.booking_id = b.id)),
                               count(*) filter (where exists (select 1 from proposals p
                                   where p.tenant_id = b.tenant_id and p.booking_id = b.id and p.sent_at is not null)),
                               count(*) filter (where exists (select 1 from proposals p
                                   where p.tenant_id = b.tenant_id and p.booking_id = b.id and p.status = 'ACCEPTED'))
                        from consultation_bookings b
                        where b.start_time >= :from and b.start_time < :to and b.status <> 'RESCHEDULED'""",
                        Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getSingleResult())
                .map(row -> new Funnel(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue(), ((Number) row[3]).longValue()));
    }
}
