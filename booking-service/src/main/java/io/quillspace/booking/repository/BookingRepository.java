package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.booking.entity.Booking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BookingRepository implements PanacheRepositoryBase<Booking, UUID> {

    public Uni<Booking> findByInviteeUri(String inviteeUri) {
        return find("inviteeUri", inviteeUri).firstResult();
    }
}
