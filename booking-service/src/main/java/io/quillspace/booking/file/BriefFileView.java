package io.quillspace.booking.file;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quillspace.booking.entity.BriefFile;
import io.quillspace.shared.files.FileViews;

import java.util.UUID;

/**
 * A brief's file as the API shows it: the file and its consultation.
 *
 * @param briefVersion the brief version current at upload; null when no brief had been submitted yet
 */
public record BriefFileView(UUID consultationId, Integer briefVersion, @JsonUnwrapped FileViews.File file) {

    static BriefFileView of(BriefFile brief, FileViews.File file) {
        return new BriefFileView(brief.bookingId, brief.briefVersion, file);
    }
}
