package io.quillspace.ingress.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One generation of a studio's webhook signing key, sealed (connection/KeyEncryption). */
@Entity
@Table(name = "signing_keys")
@IdClass(SigningKey.Id.class)
public class SigningKey extends PanacheEntityBase {

    public static class Id implements Serializable {
        public UUID tenantId;
        public int generation;

        @Override
        public boolean equals(Object other) {
            return other instanceof Id id && Objects.equals(tenantId, id.tenantId) && generation == id.generation;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, generation);
        }
    }

    @jakarta.persistence.Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @jakarta.persistence.Id
    public int generation;

    @Column(name = "signing_key")
    public byte[] signingKey;

    @Column(name = "signing_key_kek")
    public String signingKeyKek;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Until when a delivery signed with it is accepted; null while it is the newest. */
    @Column(name = "accepted_until")
    public Instant acceptedUntil;
}
