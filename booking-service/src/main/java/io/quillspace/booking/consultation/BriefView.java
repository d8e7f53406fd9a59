package io.quillspace.booking.consultation;

import io.quillspace.booking.entity.ProjectBrief;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One version of a consultation's project brief (from 1; the highest is the one that counts). */
public record BriefView(int version, String projectName, String genre, Integer manuscriptWordCount, int budgetMin,
                        int budgetMax, LocalDate desiredStartDate, String goals, String contactEmail, UUID submittedBy,
                        Instant submittedAt) {

    static BriefView of(ProjectBrief brief, int version) {
        return new BriefView(version, brief.projectName, brief.genre, brief.manuscriptWordCount, brief.budgetMin,
                brief.budgetMax, brief.desiredStartDate, brief.goals, brief.contactEmail, brief.submittedBy,
                brief.submittedAt);
    }
}
