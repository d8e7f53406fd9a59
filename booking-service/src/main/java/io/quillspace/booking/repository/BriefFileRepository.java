package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.booking.entity.BriefFile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class BriefFileRepository implements PanacheRepositoryBase<BriefFile, UUID> {

    /** The booking's file, or null (also when the caller may not see it); locked until the transaction ends. */
    public Uni<BriefFile> lockOfBooking(UUID bookingId, UUID fileId) {
        return find("id = ?1 and bookingId = ?2", fileId, bookingId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The booking's file, or null (also when the caller may not see it). */
    public Uni<BriefFile> ofBooking(UUID bookingId, UUID fileId) {
        return find("id = ?1 and bookingId = ?2", fileId, bookingId).firstResult();
    }

    /** Moves one booking's files to another (a reschedule), as the brief they belong to moves. */
    public Uni<Integer> move(UUID fromBookingId, UUID toBookingId, UUID toUserId) {
        return update("bookingId = ?1, userId = ?2 where bookingId = ?3", toBookingId, toUserId, fromBookingId);
    }
}
