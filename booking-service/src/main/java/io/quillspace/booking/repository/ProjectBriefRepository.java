package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quillspace.booking.entity.ProjectBrief;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProjectBriefRepository implements PanacheRepositoryBase<ProjectBrief, Long> {

    /** Every version of the booking's brief, oldest first: the version number is the position, from 1. */
    public Uni<List<ProjectBrief>> ofBooking(UUID bookingId) {
        return list("bookingId", Sort.by("id"), bookingId);
    }

    /** Moves every version of one booking's brief to another (a reschedule), keeping their order by id. */
    public Uni<Integer> move(UUID fromBookingId, UUID toBookingId, UUID toUserId) {
        return update("bookingId = ?1, userId = ?2 where bookingId = ?3", toBookingId, toUserId, fromBookingId);
    }
}
