package io.quillspace.booking.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quillspace.booking.config.BookingConfig;
import io.quillspace.booking.repository.ClientExportRepository;
import io.quillspace.shared.events.ClientEventV1;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A client's export and erasure requests. No service is called at request time: the request is raised on
 * {@code client-events.v1} through the outbox, in the transaction that checked the caller may make it, and every
 * service (this one included, see {@link BookingClientData}) answers it from there. A client may ask about themself
 * only; anyone the caller does not see is absent (404), another studio's clients included.
 */
@ApplicationScoped
public class ClientDataService {

    private final ClientExportRepository exports;
    private final BookingConfig.ClientData settings;
    private final ObjectMapper json;
    private final Clock clock;

    public ClientDataService(ClientExportRepository exports, BookingConfig config, ObjectMapper json, Clock clock) {
        this.exports = exports;
        this.settings = config.clientData();
        this.json = json;
        this.clock = clock;
    }

    /** Raises the export; answers its request id, or null when the caller does not see the client. */
    public Uni<UUID> requestExport(TenantContext caller, UUID userId) {
        UUID requestId = UUID.randomUUID();
        UUID requestedBy = caller.userId().orElseThrow();
        Instant now = clock.instant();
        return whenVisible(caller, userId, () -> exports.create(caller.tenantId(), requestId, userId, requestedBy, now)
                .chain(() -> Outbox.append(new ClientEventV1.ExportRequested(UUID.randomUUID(), caller.tenantId(),
                        requestId, userId, requestedBy, now)))
                .replaceWith(requestId));
    }

    /** Raises the erasure (an admin's); answers its request id, or null when there is no such client. */
    public Uni<UUID> requestErasure(TenantContext admin, UUID userId) {
        UUID requestId = UUID.randomUUID();
        return whenVisible(admin, userId, () -> Outbox.append(new ClientEventV1.ErasureRequested(UUID.randomUUID(),
                        admin.tenantId(), requestId, userId, admin.userId().orElseThrow(), clock.instant()))
                .replaceWith(requestId));
    }

    /** The export as far as it has arrived, or null when there is none the caller sees (or it was purged). */
    public Uni<ClientExport> export(TenantContext caller, UUID userId, UUID requestId) {
        if (!maySee(caller, userId)) {
            return Uni.createFrom().nullItem();
        }
        Instant notBefore = clock.instant().minus(settings.exportRetention());
        return TenantTransactions.inTenant(caller, () -> exports.find(userId, requestId, notBefore))
                .map(row -> row == null ? null : assemble(userId, read(row)));
    }

    private ClientExport assemble(UUID userId, JsonNode row) {
        JsonNode parts = row.get("parts");
        List<String> arrived = new ArrayList<>();
        parts.fieldNames().forEachRemaining(arrived::add);
        boolean complete = arrived.containsAll(settings.exportServices());
        return new ClientExport(complete,
                new ClientExport.Pending("pending", arrived.stream().sorted().toList()),
                new ClientExport.Document(new ClientExport.Client(userId, uuid(row, "requestedBy"),
                        row.get("requestedAt").asText()), row.get("updatedAt").asText(), parts));
    }

    private <T> Uni<T> whenVisible(TenantContext caller, UUID userId, Supplier<Uni<T>> work) {
        if (!maySee(caller, userId)) {
            return Uni.createFrom().nullItem();
        }
        return TenantTransactions.inTenant(caller, () -> exports.userVisible(userId)
                .chain(visible -> visible ? work.get() : Uni.createFrom().nullItem()));
    }

    /** A client acts on their own data only; the studio's admins on any of its clients'. */
    private static boolean maySee(TenantContext caller, UUID userId) {
        return caller.role() == TenantContext.Role.ADMIN || caller.userId().filter(userId::equals).isPresent();
    }

    private static UUID uuid(JsonNode row, String field) {
        return UUID.fromString(row.get(field).asText());
    }

    private JsonNode read(String row) {
        try {
            return json.readTree(row);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
