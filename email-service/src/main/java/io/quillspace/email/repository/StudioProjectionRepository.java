package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.email.entity.StudioProjection;
import io.quillspace.shared.events.StudioEventV1;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Each studio's projection of its studio events; call inside the studio's tenant transaction. */
@ApplicationScoped
public class StudioProjectionRepository {

    /**
     * Writes the event's studio unless a newer (or the same) version is already there, in one statement; true when it
     * wrote.
     */
    public Uni<Boolean> applyIfNewer(StudioEventV1 event) {
        StudioEventV1.Profile profile = event.profile();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into studios (tenant_id, name, sender_display_name, reply_to, logo_url, status, version)
                                values (:tenant, :name, :display, :replyTo, :logo, :status, :version)
                                on conflict (tenant_id) do update set name = excluded.name,
                                    sender_display_name = excluded.sender_display_name, reply_to = excluded.reply_to,
                                    logo_url = excluded.logo_url, status = excluded.status, version = excluded.version,
                                    updated_at = now()
                                where studios.version < excluded.version""")
                        .setParameter("tenant", event.studioId())
                        .setParameter("name", profile.name())
                        .setParameter("display", profile.senderDisplayName())
                        .setParameter("replyTo", profile.replyTo())
                        .setParameter("logo", profile.logoUrl())
                        .setParameter("status", event.status())
                        .setParameter("version", event.sequence())
                        .executeUpdate())
                .map(written -> written == 1);
    }

    /** The studio as its newest event left it; empty before its first event arrived. */
    public Uni<Optional<StudioProjection>> find(UUID tenantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                select name, sender_display_name, reply_to, logo_url, status from studios
                                where tenant_id = :tenant""", Object[].class)
                        .setParameter("tenant", tenantId)
                        .getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new StudioProjection((String) row[0],
                        (String) row[1], (String) row[2], (String) row[3], (String) row[4])));
    }
}
