package io.quillspace.booking.consultation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** A project brief as the client (or an admin for them) submits it; every rule is checked at once. */
@Schema(description = "A project brief", example = """
        {"projectName": "The Salt Road", "genre": "literary fiction", "manuscriptWordCount": 92000,
         "budgetMin": 3000, "budgetMax": 6000, "desiredStartDate": "2027-05-01",
         "goals": "A tighter second act and a query-ready manuscript", "contactEmail": "tom@example.org"}""")
public record BriefSubmission(
        @NotBlank @Size(max = 100) String projectName,
        @Size(max = 100) String genre,
        @Min(1) @Max(10_000_000) Integer manuscriptWordCount,
        @NotNull @Min(1_000) @Max(100_000) Integer budgetMin,
        @NotNull @Min(1_000) @Max(100_000) Integer budgetMax,
        @NotNull @FutureOrPresent LocalDate desiredStartDate,
        @Size(max = 4_000) String goals,
        @NotBlank @Email @Size(max = 254) String contactEmail) {

    /** The budget range's minimum does not exceed its maximum (checked when both are given). */
    @JsonIgnore
    @Schema(hidden = true)
    @AssertTrue(message = "budgetMin must not exceed budgetMax")
    public boolean isBudgetRangeOrdered() {
        return budgetMin == null || budgetMax == null || budgetMin <= budgetMax;
    }
}
