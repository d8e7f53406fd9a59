package io.quillspace.booking.calendly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;
import io.quillspace.shared.sql.JsonRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The set-based statements that apply a tenant's share of deliveries: each reads or writes the whole share at once with
 * SQL of one shape (rows bound as JSON, see {@link JsonRows}), inside the share's tenant transaction, so RLS applies.
 */
@ApplicationScoped
public class ShareStatements {

    /** The bound tenant's bookings of these invitees, locked until the transaction ends and detached from the session. */
    public Uni<List<Booking>> lockBookings(Collection<String> inviteeUris) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from consultation_bookings
                        where invitee_uri in (select jsonb_array_elements_text(cast(cast(:uris as text) as jsonb)))
                        for update""",
                        Booking.class)
                .setParameter("uris", JsonRows.array(inviteeUris))
                .getResultList()
                // Written back by one upsert, never by the session's flush.
                .invoke(ignored -> session.clear()));
    }

    /** A new user: the id the gateway also derives, the normalized e-mail and the name first seen. */
    public record NewUser(UUID id, String email, String name) {
    }

    /**
     * The bound tenant's users with these e-mails, each created if new (insert-or-ignore, so a concurrent share that
     * creates the same user still leaves one), as ids by normalized e-mail.
     */
    public Uni<Map<String, UUID>> findOrCreateUsers(UUID tenantId, Collection<NewUser> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        JsonRows rows = new JsonRows();
        for (NewUser user : users) {
            ObjectNode row = rows.add();
            JsonRows.put(row, "id", user.id());
            JsonRows.put(row, "email", user.email());
            JsonRows.put(row, "name", user.name());
        }
        // The select reads the snapshot before the insert, so the users found and the users inserted are disjoint.
        // An id is a function of tenant and e-mail, so it conflicts exactly when the e-mail does, except for a client
        // whose erasure the owner lifted (README): their row holds a tombstone, which their new delivery replaces.
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with wanted as (select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                                            as r(id uuid, email text, name text)),
                        inserted as (
                            insert into users (id, tenant_id, email, name, created_at)
                            select id, cast(:tenant as uuid), email, name, now() from wanted
                            on conflict (id) do update set email = excluded.email, name = excluded.name
                                where users.email <> excluded.email
                            returning id, email)
                        select id, email from inserted
                        union all
                        select u.id, u.email from users u where u.email in (select email from wanted)""", Object[].class)
                .setParameter("rows", rows.json())
                .setParameter("tenant", tenantId)
                .getResultList())
                .map(ShareStatements::byEmail)
                // A user a concurrent share inserted after this statement's snapshot is read again, now committed.
                .chain(ids -> ids.size() == users.size() ? Uni.createFrom().item(ids) : Panache.getSession()
                        .chain(session -> session.createNativeQuery("""
                                        select id, email from users
                                        where email in (select jsonb_array_elements_text(cast(cast(:emails as text) as jsonb)))""",
                                        Object[].class)
                                .setParameter("emails", JsonRows.array(users.stream().map(NewUser::email).toList()))
                                .getResultList())
                        .map(ShareStatements::byEmail));
    }

    private static Map<String, UUID> byEmail(List<Object[]> rows) {
        Map<String, UUID> ids = new HashMap<>();
        for (Object[] row : rows) {
            ids.put((String) row[1], (UUID) row[0]);
        }
        return ids;
    }

    /**
     * Writes each booking (one per invitee) in its state in memory, in one statement: the share's new bookings are
     * inserted, so a concurrent share that created one first violates the key and is retried (and then finds it); the
     * stored ones, locked since they were read, are updated.
     */
    public Uni<Void> writeBookings(List<Booking> created, List<Booking> changed) {
        if (created.isEmpty() && changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonRows rows = new JsonRows();
        for (Booking booking : created) {
            JsonRows.put(row(rows, booking), "stored", false);
        }
        for (Booking booking : changed) {
            JsonRows.put(row(rows, booking), "stored", true);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with r as (select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(id uuid, tenant_id uuid,
                            user_id uuid, invitee_uri text, event_uri text, event_name text, status text,
                            start_time timestamptz, end_time timestamptz, invitee_timezone text, intake jsonb,
                            cancel_url text, reschedule_url text, calendly_updated_at timestamptz, location jsonb,
                            tracking jsonb, canceled_by text, cancel_reason text, canceler_type text,
                            canceled_at timestamptz, rescheduled_from_booking_id uuid, rescheduled_to_booking_id uuid,
                            no_show boolean, event_sequence bigint, created_at timestamptz, updated_at timestamptz,
                            stored boolean)),
                        updated as (
                            update consultation_bookings b set status = r.status,
                                calendly_updated_at = r.calendly_updated_at, canceled_by = r.canceled_by,
                                cancel_reason = r.cancel_reason, canceler_type = r.canceler_type,
                                canceled_at = r.canceled_at, rescheduled_to_booking_id = r.rescheduled_to_booking_id,
                                no_show = r.no_show, event_sequence = r.event_sequence, updated_at = r.updated_at
                            from r where r.stored and b.id = r.id)
                        insert into consultation_bookings (id, tenant_id, user_id, invitee_uri, event_uri, event_name, status,
                            start_time, end_time, invitee_timezone, intake, cancel_url, reschedule_url, calendly_updated_at,
                            location, tracking, canceled_by, cancel_reason, canceler_type, canceled_at,
                            rescheduled_from_booking_id, rescheduled_to_booking_id, no_show, event_sequence, created_at,
                            updated_at)
                        select id, tenant_id, user_id, invitee_uri, event_uri, event_name, status, start_time, end_time,
                            invitee_timezone, intake, cancel_url, reschedule_url, calendly_updated_at, location, tracking,
                            canceled_by, cancel_reason, canceler_type, canceled_at, rescheduled_from_booking_id,
                            rescheduled_to_booking_id, no_show, event_sequence, created_at, updated_at
                        from r where not r.stored""")
                .setParameter("rows", rows.json())
                .executeUpdate())
                .replaceWithVoid();
    }

    private static ObjectNode row(JsonRows rows, Booking booking) {
        ObjectNode row = rows.add();
        JsonRows.put(row, "id", booking.id);
        JsonRows.put(row, "tenant_id", booking.tenantId);
        JsonRows.put(row, "user_id", booking.userId);
        JsonRows.put(row, "invitee_uri", booking.inviteeUri);
        JsonRows.put(row, "event_uri", booking.eventUri);
        JsonRows.put(row, "event_name", booking.eventName);
        JsonRows.put(row, "status", booking.status);
        JsonRows.put(row, "start_time", booking.startTime);
        JsonRows.put(row, "end_time", booking.endTime);
        JsonRows.put(row, "invitee_timezone", booking.inviteeTimeZone);
        JsonRows.put(row, "intake", booking.intake);
        JsonRows.put(row, "cancel_url", booking.cancelUrl);
        JsonRows.put(row, "reschedule_url", booking.rescheduleUrl);
        JsonRows.put(row, "calendly_updated_at", booking.calendlyUpdatedAt);
        JsonRows.put(row, "location", booking.location);
        JsonRows.put(row, "tracking", booking.tracking);
        JsonRows.put(row, "canceled_by", booking.canceledBy);
        JsonRows.put(row, "cancel_reason", booking.cancelReason);
        JsonRows.put(row, "canceler_type", booking.cancelerType);
        JsonRows.put(row, "canceled_at", booking.canceledAt);
        JsonRows.put(row, "rescheduled_from_booking_id", booking.rescheduledFromBookingId);
        JsonRows.put(row, "rescheduled_to_booking_id", booking.rescheduledToBookingId);
        JsonRows.put(row, "no_show", booking.noShow);
        JsonRows.put(row, "event_sequence", booking.eventSequence);
        JsonRows.put(row, "created_at", booking.createdAt);
        JsonRows.put(row, "updated_at", booking.updatedAt);
        return row;
    }

    /** Appends the history entries in one statement, in their order. */
    public Uni<Void> appendHistory(List<BookingHistoryEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonRows rows = new JsonRows();
        for (BookingHistoryEntry entry : entries) {
            ObjectNode row = rows.add();
            JsonRows.put(row, "tenant_id", entry.tenantId);
            JsonRows.put(row, "booking_id", entry.bookingId);
            JsonRows.put(row, "user_id", entry.userId);
            JsonRows.put(row, "change", entry.change);
            JsonRows.put(row, "from_status", entry.fromStatus);
            JsonRows.put(row, "to_status", entry.toStatus);
            JsonRows.put(row, "no_show", entry.noShow);
            JsonRows.put(row, "delivery_id", entry.deliveryId);
            JsonRows.put(row, "calendly_event", entry.calendlyEvent);
            JsonRows.put(row, "actor", entry.actor);
            JsonRows.put(row, "actor_type", entry.actorType);
            JsonRows.put(row, "reason", entry.reason);
            JsonRows.put(row, "occurred_at", entry.occurredAt);
            JsonRows.put(row, "recorded_at", entry.recordedAt);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into booking_history (tenant_id, booking_id, user_id, change, from_status, to_status, no_show,
                            delivery_id, calendly_event, actor, actor_type, reason, occurred_at, recorded_at)
                        select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(tenant_id uuid, booking_id uuid,
                            user_id uuid, change text, from_status text, to_status text, no_show boolean, delivery_id uuid,
                            calendly_event text, actor text, actor_type text, reason text, occurred_at timestamptz,
                            recorded_at timestamptz)""")
                .setParameter("rows", rows.json())
                .executeUpdate())
                .replaceWithVoid();
    }
}
