package io.quillspace.booking.proposal;

import io.quillspace.booking.entity.ProposalHistoryEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One change of a proposal as the API shows it.
 *
 * @param change            {@code CREATED | EDITED | SENT | SUPERSEDED | ACCEPTED | DECLINED | MOVED}
 * @param changedFields     an edit's changed fields
 * @param contentSha256     an acceptance's SHA-256 of the content accepted
 * @param fromConsultationId the consultation a reschedule moved the proposal from
 */
public record ProposalHistoryView(
        String change, String fromStatus, String toStatus, int version, UUID consultationId, UUID fromConsultationId,
        List<String> changedFields,
        @Schema(description = "An acceptance's lowercase hex SHA-256 of the UTF-8 JSON, without whitespace and with "
                + "every object's keys sorted, of {currency, id, phases (deliverables, estimatedDays, name, order), "
                + "price (a string with two decimals), scopeOfWork, title, validUntil (ISO-8601 UTC)}")
        String contentSha256,
        @Schema(description = "The user who made the change; none for a reschedule's move") UUID actor,
        @Schema(description = "admin, user, or service") String actorRole,
        Instant at) {

    static ProposalHistoryView of(ProposalHistoryEntry entry) {
        return new ProposalHistoryView(entry.change.name(), entry.fromStatus == null ? null : entry.fromStatus.name(),
                entry.toStatus.name(), entry.version, entry.bookingId, entry.fromBookingId,
                entry.changedFields == null ? null : entry.changedFields.names(),
                entry.contentSha256, entry.actor, entry.actorRole, entry.recordedAt);
    }
}
