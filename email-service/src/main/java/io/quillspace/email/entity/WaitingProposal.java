package io.quillspace.email.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sent proposal whose booking this service has not seen yet, kept as the record it arrived in: it is announced when
 * the booking arrives, or written to the dead-letter topic as that record (key, value, headers) when the wait ends.
 */
@Entity
@Table(name = "waiting_proposals")
public class WaitingProposal extends PanacheEntityBase {

    /** The headers of the original record, in their order (a JSON object: the JSON columns map objects). */
    public record Headers(List<Header> all) {
    }

    public record Header(String name, byte[] value) {
    }

    @Id
    public UUID eventId;

    public UUID tenantId;

    public UUID bookingId;

    public String recordKey;

    public byte[] recordValue;

    @JdbcTypeCode(SqlTypes.JSON)
    public Headers recordHeaders;

    public int sourcePartition;

    public long sourceOffset;

    /** When this service first received it; the wait is measured from here. */
    public Instant receivedAt;
}
