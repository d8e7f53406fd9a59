package io.quillspace.booking.proposal;

import io.quillspace.booking.entity.Proposal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A proposal's content as an admin drafts or edits it; every rule is checked at once. */
@Schema(description = "A proposal's content", example = """
        {"title": "Developmental edit", "scopeOfWork": "Structure, pacing and character arcs of the full manuscript",
         "phases": [{"order": 1, "name": "Read-through", "estimatedDays": 10, "deliverables": ["Editorial letter"]},
                    {"order": 2, "name": "Line notes", "estimatedDays": 20,
                     "deliverables": ["Annotated manuscript", "Follow-up call"]}],
         "price": 4500.00, "currency": "EUR", "validUntil": "2027-06-30T23:59:59Z"}""")
public record ProposalDraft(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 10_000) String scopeOfWork,
        @NotEmpty @Size(max = 20) List<Proposal.@Valid @NotNull Phase> phases,
        @NotNull @DecimalMin("0.01") @DecimalMax("10000000") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotNull @Future Instant validUntil) {
}
