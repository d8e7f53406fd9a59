package io.quillspace.project.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One status change of a project, a phase or a deliverable, appended and never changed (the runtime role may not update
 * or delete these rows). Statuses are kept as the API names them, so the history reads the same whatever it is about.
 */
@Entity
@Table(name = "project_history")
public class ProjectHistoryEntry extends PanacheEntityBase {

    /** What changed. */
    /** CLIENT: the client's personal data was erased (to_status erased), recorded without the data. */
    public enum Subject { PROJECT, PHASE, DELIVERABLE, CLIENT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID tenantId;

    public UUID projectId;

    public UUID userId;

    @Enumerated(EnumType.STRING)
    public Subject subject;

    public UUID subjectId;

    public String subjectName;

    /** Null for the kickoff, which created the project. */
    public String fromStatus;

    public String toStatus;

    /** The admin who made the change; null for the kickoff. */
    public UUID changedBy;

    public Instant occurredAt;

    /** An entry of {@code project}'s history; {@code from} and {@code changedBy} are null for the kickoff. */
    public static ProjectHistoryEntry of(Project project, Subject subject, UUID subjectId, String subjectName,
                                         String from, String to, UUID changedBy, Instant at) {
        ProjectHistoryEntry entry = new ProjectHistoryEntry();
        entry.tenantId = project.tenantId;
        entry.projectId = project.id;
        entry.userId = project.userId;
        entry.subject = subject;
        entry.subjectId = subjectId;
        entry.subjectName = subjectName;
        entry.fromStatus = from;
        entry.toStatus = to;
        entry.changedBy = changedBy;
        entry.occurredAt = at;
        return entry;
    }
}
