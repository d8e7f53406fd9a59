package io.quillspace.booking.client;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.booking.entity.BriefFile;
import io.quillspace.shared.events.ClientEventV1;
import io.quillspace.shared.files.ClientFiles;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.privacy.ClientData;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;

/**
 * What booking-service holds about a client: the user, their bookings with their history, brief versions, brief files
 * (without the object's key, an internal address) and proposals. Erasure deletes the brief files' objects
 * ({@link ClientFiles}), then runs the migration's {@code erase_client} (V9).
 * booking-service also assembles every export: each service's part lands in the request's {@code client_exports} row.
 */
// A singleton: nothing here needs a client proxy, and ClientData has no constructor one could call.
@Singleton
public class BookingClientData extends ClientData {

    private final Clock clock;
    private final ClientFiles files;

    public BookingClientData(Clock clock, ClientFiles files) {
        super("booking", """
                select cast(jsonb_build_object(
                    'user', (select to_jsonb(u) from users u where u.id = :user),
                    'bookings', coalesce((select jsonb_agg(to_jsonb(b) || jsonb_build_object('history',
                            coalesce((select jsonb_agg(to_jsonb(h) order by h.id) from booking_history h
                                      where h.booking_id = b.id), cast('[]' as jsonb))) order by b.start_time)
                        from consultation_bookings b where b.user_id = :user), cast('[]' as jsonb)),
                    'briefs', coalesce((select jsonb_agg(to_jsonb(p) order by p.id) from project_briefs p
                                        where p.user_id = :user), cast('[]' as jsonb)),
                    'briefFiles', coalesce((select jsonb_agg(to_jsonb(f) - 'object_key' order by f.created_at)
                                            from brief_files f where f.user_id = :user), cast('[]' as jsonb)),
                    'proposals', coalesce((select jsonb_agg(to_jsonb(p) order by p.created_at) from proposals p
                                           where p.user_id = :user), cast('[]' as jsonb))) as text)""");
        this.clock = clock;
        this.files = files;
    }

    @Override
    public Uni<Void> erase(UUID userId) {
        return files.erase(BriefFile.class, userId).chain(() -> super.erase(userId));
    }

    /** Files the part with its request; a request already purged, or of a client erased since, takes none. */
    @Override
    public Uni<RecordOutcome> receive(ClientEventV1.ExportPart part) {
        return TenantTransactions.inTenant(TenantContext.service(part.tenantId()), () -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("""
                                        update client_exports
                                        set parts = parts || jsonb_build_object(cast(:service as text),
                                                                                cast(cast(:part as text) as jsonb)),
                                            updated_at = :now
                                        where id = :request and user_id = :user""")
                                .setParameter("service", part.service())
                                .setParameter("part", part.part().toString())
                                .setParameter("now", clock.instant())
                                .setParameter("request", part.requestId())
                                .setParameter("user", part.userId())
                                .executeUpdate()))
                .map(updated -> updated == 1 ? RecordOutcome.APPLIED : RecordOutcome.STALE);
    }
}
