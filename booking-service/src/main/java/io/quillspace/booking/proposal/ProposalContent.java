package io.quillspace.booking.proposal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quillspace.booking.entity.Proposal;

import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a client accepts, in one canonical form: the proposal's id and content as the API shows them, without its
 * status, version, booking or timestamps (they change without changing what was offered). The form is UTF-8 JSON with
 * no whitespace and every object's keys sorted: {@code currency, id, phases (each: deliverables, estimatedDays, name,
 * order; in order), price (a string with two decimals, e.g. "4500.00"), scopeOfWork, title, validUntil (ISO-8601 UTC,
 * e.g. "2027-06-30T23:59:59Z")}. Anyone holding that content can recompute the SHA-256 the history keeps.
 */
record ProposalContent(String currency, UUID id, List<Proposal.Phase> phases, String price, String scopeOfWork,
                       String title, String validUntil) {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .build();

    static ProposalContent of(Proposal proposal) {
        return new ProposalContent(proposal.currency, proposal.id, proposal.workPlan.phases(),
                proposal.price.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), proposal.scopeOfWork,
                proposal.title, proposal.validUntil.toString());
    }

    String canonicalJson() {
        try {
            return CANONICAL.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a proposal's content is always serializable", e);
        }
    }

    /** The lowercase hex SHA-256 of {@link #canonicalJson()}'s UTF-8 bytes. */
    String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The fields an edit to {@code draft} changes, by their API names, in the draft's order. */
    static List<String> changedFields(Proposal before, ProposalDraft draft, List<Proposal.Phase> orderedPhases) {
        List<String> changed = new ArrayList<>();
        if (!before.title.equals(draft.title())) {
            changed.add("title");
        }
        if (!before.scopeOfWork.equals(draft.scopeOfWork())) {
            changed.add("scopeOfWork");
        }
        if (!before.workPlan.phases().equals(orderedPhases)) {
            changed.add("phases");
        }
        if (before.price.compareTo(draft.price()) != 0) {
            changed.add("price");
        }
        if (!before.currency.equals(draft.currency())) {
            changed.add("currency");
        }
        if (!Objects.equals(before.validUntil, draft.validUntil())) {
            changed.add("validUntil");
        }
        return changed;
    }
}
