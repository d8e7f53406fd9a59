package io.quillspace.booking.proposal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/** A proposal as its detail view shows it: the proposal's fields and its history, oldest change first. */
public record ProposalDetailView(@JsonUnwrapped ProposalView proposal, List<ProposalHistoryView> history) {

    static ProposalDetailView of(ProposalService.WithHistory found) {
        return new ProposalDetailView(ProposalView.of(found.proposal()),
                found.history().stream().map(ProposalHistoryView::of).toList());
    }
}
