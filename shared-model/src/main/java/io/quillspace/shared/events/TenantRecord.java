package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Map;
import java.util.UUID;

/**
 * What the fleet's consumer template ({@code RecordProcessor}) reads from any contract it applies, so it never needs
 * to know the contract: the tenant the record belongs to (a batch is applied in one transaction per tenant) and the
 * ids its log lines carry.
 */
public interface TenantRecord {

    UUID tenantId();

    /** The record's ids as log fields (MDC keys to values), never personal data. */
    @JsonIgnore
    Map<String, String> logFields();
}
