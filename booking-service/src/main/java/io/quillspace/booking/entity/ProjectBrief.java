package io.quillspace.booking.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One submitted version of a booking's project brief. Versions are appended, never changed; the latest wins and its
 * version number is its position among the booking's versions (so a reschedule can merge two bookings' versions).
 */
@Entity
@Table(name = "project_briefs")
public class ProjectBrief extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID tenantId;

    public UUID bookingId;

    /** The booking's client, who owns the brief whoever submitted it. */
    public UUID userId;

    public String projectName;

    public String genre;

    public Integer manuscriptWordCount;

    public int budgetMin;

    public int budgetMax;

    public LocalDate desiredStartDate;

    public String goals;

    public String contactEmail;

    /** The client, or the admin who submitted it for them. */
    public UUID submittedBy;

    public Instant submittedAt;
}
