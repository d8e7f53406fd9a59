package io.quillspace.booking.entity;

import io.quillspace.shared.files.StoredFile;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

/** A file of a consultation's brief (a manuscript sample, a cover). */
@Entity
@Table(name = "brief_files")
public class BriefFile extends StoredFile {

    public UUID bookingId;

    /** The brief version current at upload (versions are append-only); null when none had been submitted yet. */
    public Integer briefVersion;
}
