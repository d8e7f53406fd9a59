package io.quillspace.shared.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.shared.events.ClientEventV1;
import io.quillspace.shared.messaging.RecordOutcome;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * What one service holds about a client, for the client's export and erasure ({@link ClientEventV1}). A service that
 * consumes {@code client-events.v1} provides one bean of it; {@link ClientEventConsumer} calls it inside a service
 * transaction bound to the event's tenant. Every such service's migrations define, by convention:
 * <ul>
 * <li>{@code erase_client(uuid)}, a {@code SECURITY DEFINER} function owned by the migration role and executable by the
 * runtime role: it replaces the client's personal data with tombstones in the bound tenant, keeping ids and counts,
 * records the erasure in history without the data where the service keeps history, and adds the client to
 * {@code erased_clients}. Append-only tables stay append-only for the runtime role; only this function rewrites them.</li>
 * <li>{@code erased_clients (tenant_id, user_id, erased_at)}, which the service consults so that nothing later brings
 * an erased client's data back.</li>
 * </ul>
 */
public abstract class ClientData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final String exportQuery;

    /**
     * @param service     the service's name in an assembled export, e.g. {@code email}
     * @param exportQuery one native query, with the parameter {@code :user}, that answers everything the service holds
     *                    about the client as one JSON document (as text)
     */
    protected ClientData(String service, String exportQuery) {
        this.service = service;
        this.exportQuery = exportQuery;
    }

    public String service() {
        return service;
    }

    /** Everything the service holds about the client; call inside a tenant transaction. */
    public Uni<JsonNode> export(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(exportQuery, String.class)
                        .setParameter("user", userId)
                        .getSingleResult())
                .map(ClientData::read);
    }

    /** Erases the client here (idempotent); call inside a tenant transaction. */
    public Uni<Void> erase(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select cast(erase_client(:user) as text)")
                        .setParameter("user", userId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Whether the client was erased here; call inside a tenant transaction. */
    public Uni<Boolean> isErased(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select count(*) from erased_clients where user_id = :user", Long.class)
                        .setParameter("user", userId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** A service's part of an export; only the service that assembles exports acts on it. */
    public Uni<RecordOutcome> receive(ClientEventV1.ExportPart part) {
        return Uni.createFrom().item(RecordOutcome.IGNORED);
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // A bug of the service's query, not of the record: permanent, so the request is dead-lettered with it.
            throw new IllegalArgumentException("the export query answered no JSON: " + e.getOriginalMessage(), e);
        }
    }
}
