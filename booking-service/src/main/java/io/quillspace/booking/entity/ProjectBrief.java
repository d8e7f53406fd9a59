package io.quillspace.booking.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "booking_id", nullable = false)
    public UUID bookingId;

    /** The booking's client, who owns the brief whoever submitted it. */
    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "project_name", nullable = false)
    public String projectName;

    public String genre;

    @Column(name = "manuscript_word_count")
    public Integer manuscriptWordCount;

    @Column(name = "budget_min", nullable = false)
    public int budgetMin;

    @Column(name = "budget_max", nullable = false)
    public int budgetMax;

    @Column(name = "desired_start_date", nullable = false)
    public LocalDate desiredStartDate;

    public String goals;

    @Column(name = "contact_email", nullable = false)
    public String contactEmail;

    /** The client, or the admin who submitted it for them. */
    @Column(name = "submitted_by", nullable = false)
    public UUID submittedBy;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;
}
