package io.quillspace.booking.calendly;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * No-show marks by their own Calendly URI. A mark is created once and cleared once, in whichever order the two
 * deliveries arrive: a clear that comes first leaves a cleared row, and the late creation then changes nothing.
 */
@ApplicationScoped
public class NoShowRepository {

    /** Unique key of the marks; a concurrent duplicate violates it, and its retry then finds the row. */
    public static final String UNIQUE_MARK = "no_show_in_tenant";

    /** Records the mark; false if it was recorded (or cleared) before. */
    public Uni<Boolean> mark(UUID tenantId, String uri, String inviteeUri, Instant markedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into invitee_no_shows (tenant_id, uri, invitee_uri, marked_at)
                        values (:tenant, :uri, :invitee, :at) on conflict do nothing""")
                .setParameter("tenant", tenantId)
                .setParameter("uri", uri)
                .setParameter("invitee", inviteeUri)
                .setParameter("at", markedAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Clears the mark (recording it cleared if its creation has not arrived); false if it was cleared before. */
    public Uni<Boolean> clear(UUID tenantId, String uri, String inviteeUri) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into invitee_no_shows (tenant_id, uri, invitee_uri, cleared) values (:tenant, :uri, :invitee, true)
                        on conflict (tenant_id, uri) do update set cleared = true where not invitee_no_shows.cleared""")
                .setParameter("tenant", tenantId)
                .setParameter("uri", uri)
                .setParameter("invitee", inviteeUri)
                .executeUpdate())
                .map(changed -> changed == 1);
    }

    /** Whether the invitee carries a mark that is not cleared. */
    public Uni<Boolean> isMarked(String inviteeUri) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select exists (select 1 from invitee_no_shows where invitee_uri = :invitee and not cleared)",
                        Boolean.class)
                .setParameter("invitee", inviteeUri)
                .getSingleResult());
    }
}
