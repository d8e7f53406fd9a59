package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quillspace.booking.entity.BookingHistoryEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BookingHistoryRepository implements PanacheRepositoryBase<BookingHistoryEntry, Long> {

    /** The booking's history, oldest first. */
    public Uni<List<BookingHistoryEntry>> ofBooking(UUID bookingId) {
        return list("bookingId", Sort.by("id"), bookingId);
    }
}
