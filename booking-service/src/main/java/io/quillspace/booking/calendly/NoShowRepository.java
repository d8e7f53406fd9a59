package io.quillspace.booking.calendly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.shared.sql.JsonRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * No-show marks by their own Calendly URI. A mark is created once and cleared once, in whichever order the two
 * deliveries arrive: a clear that comes first leaves a cleared row, and the late creation then changes nothing
 * ({@link SharePlan} decides; this reads and writes a share's marks at once).
 */
@ApplicationScoped
public class NoShowRepository {

    /** Unique key of the marks; a concurrent duplicate violates it, and its retry then finds the row. */
    public static final String UNIQUE_MARK = "no_show_in_tenant";

    /** A mark of the invitee as no-show; {@code markedAt} is null while only its clearing has arrived. */
    public record Mark(String uri, String inviteeUri, Instant markedAt, boolean cleared) {
    }

    /** The bound tenant's marks of these invitees, and the marks with these URIs. */
    public Uni<List<Mark>> among(Collection<String> inviteeUris, Collection<String> markUris) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select uri, invitee_uri, marked_at, cleared from invitee_no_shows
                        where invitee_uri in (select jsonb_array_elements_text(cast(cast(:invitees as text) as jsonb)))
                           or uri in (select jsonb_array_elements_text(cast(cast(:marks as text) as jsonb)))""", Object[].class)
                .setParameter("invitees", JsonRows.array(inviteeUris))
                .setParameter("marks", JsonRows.array(markUris))
                .getResultList())
                .map(rows -> rows.stream().map(row -> new Mark((String) row[0], (String) row[1], toInstant(row[2]),
                        (Boolean) row[3])).toList());
    }

    /**
     * Writes the marks in their state now, in one statement. A new mark is inserted, so a concurrent share that
     * inserted it first violates the unique key and is retried; a stored one can only become cleared.
     */
    public Uni<Void> save(UUID tenantId, Collection<Mark> marks, Collection<String> storedUris) {
        if (marks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonRows rows = new JsonRows();
        for (Mark mark : marks) {
            ObjectNode row = rows.add();
            JsonRows.put(row, "uri", mark.uri());
            JsonRows.put(row, "invitee_uri", mark.inviteeUri());
            JsonRows.put(row, "marked_at", mark.markedAt());
            JsonRows.put(row, "cleared", mark.cleared());
            JsonRows.put(row, "stored", storedUris.contains(mark.uri()));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with marks as (select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                                           as r(uri text, invitee_uri text, marked_at timestamptz, cleared boolean, stored boolean)),
                        cleared as (update invitee_no_shows n set cleared = true from marks m
                                    where m.stored and n.uri = m.uri and m.cleared)
                        insert into invitee_no_shows (tenant_id, uri, invitee_uri, marked_at, cleared)
                        select cast(:tenant as uuid), uri, invitee_uri, marked_at, cleared from marks where not stored""")
                .setParameter("rows", rows.json())
                .setParameter("tenant", tenantId)
                .executeUpdate())
                .replaceWithVoid();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        return value == null ? null : Instant.from((java.time.temporal.TemporalAccessor) value);
    }
}
