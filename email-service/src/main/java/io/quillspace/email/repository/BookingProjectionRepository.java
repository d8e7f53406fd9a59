package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.email.entity.BookingProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class BookingProjectionRepository implements PanacheRepositoryBase<BookingProjection, UUID> {

    /** The bound tenant's projection of the booking, locked until the transaction ends, or null. */
    public Uni<BookingProjection> lock(UUID bookingId) {
        return findById(bookingId, LockModeType.PESSIMISTIC_WRITE);
    }
}
