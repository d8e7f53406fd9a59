package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What a proposal email may show as {@code proposal}: its title, price, the day it expires (in the client's zone), its link. */
public record ProposalView(String title, String price, String currency, String validUntil, String url) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    /** The view of an announced proposal; null for other emails. */
    public static ProposalView of(EmailJob.ProposalSummary proposal, String zone) {
        if (proposal == null) {
            return null;
        }
        return new ProposalView(proposal.title(), proposal.price(), proposal.currency(),
                proposal.validUntil() == null ? null : DAY.format(proposal.validUntil().atZone(ZoneId.of(zone))),
                proposal.url());
    }
}
