package io.quillspace.email.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/** One edit or removal of a studio's template with the version it replaced, written by the database; read only. */
@Entity
@Immutable
@Table(name = "email_template_history")
public class EmailTemplateHistoryEntry extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String kind;

    /** CREATED, UPDATED or DELETED. */
    public String change;

    @Column(name = "previous_subject")
    public String previousSubject;

    @Column(name = "previous_html")
    public String previousHtml;

    @Column(name = "previous_text")
    public String previousText;

    /** The admin who made the change (their token's sub). */
    @Column(name = "changed_by")
    public UUID changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;
}
