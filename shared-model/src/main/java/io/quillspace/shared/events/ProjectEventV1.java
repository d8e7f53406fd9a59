package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Project events on {@link Topics#PROJECT_EVENTS}, keyed by {@link #projectId()}, numbered per project by
 * {@link #sequence()}. project-service writes them through its outbox; {@link #encode} and {@link #decode} are the only
 * writer and reader of the record value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProjectEventV1.KickedOff.class, name = ProjectEventV1.KickedOff.TYPE),
        @JsonSubTypes.Type(value = ProjectEventV1.StatusChanged.class, name = ProjectEventV1.StatusChanged.TYPE),
        @JsonSubTypes.Type(value = ProjectEventV1.PhaseStatusChanged.class, name = ProjectEventV1.PhaseStatusChanged.TYPE),
        @JsonSubTypes.Type(value = ProjectEventV1.DeliverableStatusChanged.class,
                name = ProjectEventV1.DeliverableStatusChanged.TYPE),
        @JsonSubTypes.Type(value = ProjectEventV1.DeliverableFileAttached.class,
                name = ProjectEventV1.DeliverableFileAttached.TYPE)
})
public sealed interface ProjectEventV1 extends FleetEvent {

    int SCHEMA_VERSION = 1;
    EventContract<ProjectEventV1> CONTRACT = new EventContract<>(Topics.PROJECT_EVENTS, SCHEMA_VERSION, ProjectEventV1.class, "projectId");

    /** The project the event is about; the record key. */
    UUID projectId();

    /** One deliverable of a phase, due on a day. */
    record Deliverable(String name, LocalDate due) {
    }

    /** One phase of the plan, in order, with its planned days and deliverables. */
    record Phase(int order, String name, LocalDate start, LocalDate end, List<Deliverable> deliverables) {
    }

    /**
     * A project started from an accepted proposal: everything its kickoff email shows.
     *
     * @param clientTimeZone IANA zone the client booked in
     */
    @JsonTypeName(KickedOff.TYPE)
    record KickedOff(
            UUID eventId,
            UUID tenantId,
            UUID projectId,
            long sequence,
            UUID bookingId,
            UUID proposalId,
            UUID userId,
            String clientEmail,
            String clientName,
            String clientTimeZone,
            String projectName,
            LocalDate kickoffDate,
            List<Phase> phases,
            Instant occurredAt) implements ProjectEventV1 {

        public static final String TYPE = "project.kicked-off";
    }

    /**
     * The studio moved the project to another status ({@code kickoff, active, on_hold, completed, cancelled}).
     *
     * @param changedBy the admin who made the change
     */
    @JsonTypeName(StatusChanged.TYPE)
    record StatusChanged(UUID eventId, UUID tenantId, UUID projectId, long sequence, UUID userId, String from,
                         String to, UUID changedBy, Instant occurredAt) implements ProjectEventV1 {

        public static final String TYPE = "project.status-changed";
    }

    /** The studio moved a phase to another status ({@code pending, in_progress, completed}). */
    @JsonTypeName(PhaseStatusChanged.TYPE)
    record PhaseStatusChanged(UUID eventId, UUID tenantId, UUID projectId, long sequence, UUID userId, UUID phaseId,
                              int phaseOrder, String phaseName, String from, String to, UUID changedBy,
                              Instant occurredAt) implements ProjectEventV1 {

        public static final String TYPE = "project.phase-status-changed";
    }

    /** The studio moved a deliverable to another status ({@code pending, in_progress, in_review, done}). */
    @JsonTypeName(DeliverableStatusChanged.TYPE)
    record DeliverableStatusChanged(UUID eventId, UUID tenantId, UUID projectId, long sequence, UUID userId,
                                    UUID deliverableId, UUID phaseId, String deliverableName, String from, String to,
                                    UUID changedBy, Instant occurredAt) implements ProjectEventV1 {

        public static final String TYPE = "project.deliverable-status-changed";
    }

    /**
     * The studio attached a file (an editorial letter, an annotated manuscript) to a deliverable: what the client's
     * email names; {@code bookingId} is the consultation the project came from, which the client's emails belong to.
     *
     * @param fileName as the admin gave it: data to display, never a path
     */
    @JsonTypeName(DeliverableFileAttached.TYPE)
    record DeliverableFileAttached(UUID eventId, UUID tenantId, UUID projectId, long sequence, UUID bookingId,
                                   UUID userId, String clientEmail, String clientName, String projectName,
                                   UUID deliverableId, String deliverableName, UUID fileId, String fileName,
                                   String contentType, long size, UUID uploadedBy, Instant occurredAt)
            implements ProjectEventV1 {

        public static final String TYPE = "project.deliverable-file-attached";
    }

    @Override
    @JsonIgnore
    default UUID aggregateId() {
        return projectId();
    }

    @Override
    @JsonIgnore
    default EventContract<?> contract() {
        return CONTRACT;
    }

    /** The record value. */
    static String encode(ProjectEventV1 event) {
        return CONTRACT.encode(event);
    }

    /** Reads a record value; an unknown {@code type} or a value without ids is malformed. */
    static ProjectEventV1 decode(byte[] value) {
        return CONTRACT.decode(value);
    }
}
