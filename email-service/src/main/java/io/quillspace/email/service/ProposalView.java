package io.quillspace.email.service;

import io.quarkus.qute.TemplateData;
import io.quillspace.email.entity.EmailJob;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/** What a proposal email may show as {@code proposal}: its title, price, the day it expires (in the client's zone), its link. */
@TemplateData
public record ProposalView(String title, String price, String currency, String validUntil, String url) {

    /** The property names templates may use after {@code proposal.}. */
    public static final Set<String> PROPERTIES = Set.of("title", "price", "currency", "validUntil", "url");

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
