package io.quillspace.ingress.studio;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One change of a studio, appended and never changed (the runtime role may not update or delete these rows). */
@Entity
@Table(name = "studio_history")
public class StudioHistoryEntry {

    /** An update's changed profile fields; an object because JSON columns map to objects, not arrays. */
    public record ChangedFields(List<String> names) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The studio's id. */
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String change;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "changed_fields")
    public ChangedFields changedFields;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public long version;

    /** The token's subject; null for the service's own changes. */
    public String actor;

    @Column(name = "actor_role", nullable = false)
    public String actorRole;

    @Column(nullable = false)
    public Instant at;
}
