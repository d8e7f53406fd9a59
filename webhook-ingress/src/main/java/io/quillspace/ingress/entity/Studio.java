package io.quillspace.ingress.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A studio of the registry: its profile and where it is in its lifecycle. */
@Entity
@Table(name = "studios")
public class Studio extends PanacheEntityBase {

    public enum Status {
        ACTIVE, SUSPENDED, DELETED;

        /** As stored and as published: {@code active}, {@code suspended}, {@code deleted}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @Converter
    public static class StatusColumn implements AttributeConverter<Status, String> {
        @Override
        public String convertToDatabaseColumn(Status status) {
            return status.value();
        }

        @Override
        public Status convertToEntityAttribute(String value) {
            return Status.of(value);
        }
    }

    @Id
    public UUID id;

    public String name;

    public String timeZone;

    public String senderDisplayName;

    public String replyTo;

    public String logoUrl;

    public String website;

    @Convert(converter = StatusColumn.class)
    public Status status;

    public Instant createdAt;

    public Instant updatedAt;

    /** Raised by every change; the sequence of the change's event. */
    public long version;
}
