package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.booking.entity.Booking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class BookingRepository implements PanacheRepositoryBase<Booking, UUID> {

    /** The bound tenant's booking of this invitee, locked until the transaction ends, or null. */
    public Uni<Booking> lockByInviteeUri(String inviteeUri) {
        return find("inviteeUri", inviteeUri).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The id of the bound tenant's booking of this invitee if one exists, else the id it will have. */
    public Uni<UUID> idOfInvitee(UUID tenantId, String inviteeUri) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select id from consultation_bookings where invitee_uri = :uri", UUID.class)
                .setParameter("uri", inviteeUri)
                .getResultList())
                .map(found -> found.isEmpty() ? Booking.idFor(tenantId, inviteeUri) : found.get(0));
    }
}
