package io.quillspace.ingress.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A studio's Calendly connection: whose token, in which organization; the token sealed (connection/KeyEncryption). */
@Entity
@Table(name = "calendly_connections")
public class CalendlyConnection extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    /** The organization URI, e.g. {@code https://api.calendly.com/organizations/ABC}. */
    public String organization;

    /** The user URI the token belongs to. */
    @Column(name = "calendly_user")
    public String calendlyUser;

    public byte[] token;

    @Column(name = "token_kek")
    public String tokenKek;

    /** The URI of the webhook subscription this service created; null until one was. */
    public String subscription;

    @Column(name = "connected_at")
    public Instant connectedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
