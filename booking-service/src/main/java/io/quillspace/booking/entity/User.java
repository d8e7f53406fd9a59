package io.quillspace.booking.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A studio's client, found or created by e-mail when they book. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID tenantId;

    /** Lower-cased, so the same person is one user however Calendly capitalises it. */
    public String email;

    public String name;

    public Instant createdAt;
}
