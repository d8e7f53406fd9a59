package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.email.entity.BookingProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BookingProjectionRepository implements PanacheRepositoryBase<BookingProjection, UUID> {

    /** The bound tenant's projections of these bookings (those it has), locked until the transaction ends. */
    public Uni<List<BookingProjection>> lockAll(Collection<UUID> bookingIds) {
        return find("bookingId in ?1", bookingIds).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
