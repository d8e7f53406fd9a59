package io.quillspace.ingress.studio;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.ingress.entity.Studio;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The studio registry's audit trail: each change appended, in the change's transaction, with who made it and, for an
 * update, the profile fields it changed. The runtime role may not update or delete these rows.
 */
@ApplicationScoped
public class StudioHistory {

    /** Who made a change: the token's subject and role, or the service itself (seeding at start-up). */
    public record Actor(String subject, String role) {

        static final Actor SERVICE = new Actor(null, "service");
    }

    /** The profile as it was before a change, to name the fields the change touched. */
    record Snapshot(String name, String timeZone, String senderDisplayName, String replyTo, String logoUrl,
                    String website) {

        static Snapshot of(Studio studio) {
            return new Snapshot(studio.name, studio.timeZone, studio.senderDisplayName, studio.replyTo, studio.logoUrl,
                    studio.website);
        }

        /** The fields whose value differs in {@code after}, by their API names. */
        List<String> changedIn(Snapshot after) {
            List<String> changed = new ArrayList<>();
            addIfChanged(changed, "name", name, after.name);
            addIfChanged(changed, "timeZone", timeZone, after.timeZone);
            addIfChanged(changed, "senderDisplayName", senderDisplayName, after.senderDisplayName);
            addIfChanged(changed, "replyTo", replyTo, after.replyTo);
            addIfChanged(changed, "logoUrl", logoUrl, after.logoUrl);
            addIfChanged(changed, "website", website, after.website);
            return changed;
        }

        private static void addIfChanged(List<String> changed, String field, String before, String after) {
            if (!Objects.equals(before, after)) {
                changed.add(field);
            }
        }
    }

    /** One change as the studio's detail view shows it. */
    public record Entry(String change, List<String> changedFields, String status, long version, String actor,
                        String actorRole, Instant at) {
    }

    private final Instance<JsonWebToken> token;

    public StudioHistory(Instance<JsonWebToken> token) {
        this.token = token;
    }

    /** The caller of the current request; the service when no request is being served. */
    public Actor currentActor() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.SERVICE;
        }
        JsonWebToken caller = token.get();
        Object role = caller.getClaim("role");
        return caller.getSubject() == null ? Actor.SERVICE
                : new Actor(caller.getSubject(), role == null ? "unknown" : role.toString());
    }

    /**
     * Appends the change that left {@code studio} as it is now: a {@link StudioChange}'s name, or another change of the
     * studio's (its Calendly connection). {@code changedFields} names the fields the change touched, if it has any.
     */
    public Uni<Void> record(Studio studio, String change, List<String> changedFields, Actor actor, Instant at) {
        StudioHistoryEntry entry = new StudioHistoryEntry();
        entry.tenantId = studio.id;
        entry.change = change;
        entry.changedFields = changedFields == null ? null : new StudioHistoryEntry.ChangedFields(changedFields);
        entry.status = studio.status.value();
        entry.version = studio.version;
        entry.actor = actor.subject();
        entry.actorRole = actor.role();
        entry.at = at;
        return Panache.getSession().chain(session -> session.persist(entry));
    }

    /** The studio's changes, oldest first. */
    public Uni<List<Entry>> of(UUID studioId) {
        return TenantTransactions.inTenant(TenantContext.service(studioId), () -> Panache.getSession()
                .chain(session -> session.createSelectionQuery("from StudioHistoryEntry order by id",
                                StudioHistoryEntry.class)
                        .getResultList())
                .map(entries -> entries.stream().map(entry -> new Entry(entry.change,
                        entry.changedFields == null ? null : entry.changedFields.names(), entry.status, entry.version,
                        entry.actor, entry.actorRole, entry.at)).toList()));
    }
}
