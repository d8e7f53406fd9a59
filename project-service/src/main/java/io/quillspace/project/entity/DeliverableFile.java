package io.quillspace.project.entity;

import io.quillspace.shared.files.StoredFile;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

/** A file the studio hands over with a deliverable (an editorial letter, an annotated manuscript). */
@Entity
@Table(name = "deliverable_files")
public class DeliverableFile extends StoredFile {

    public UUID projectId;

    public UUID deliverableId;
}
