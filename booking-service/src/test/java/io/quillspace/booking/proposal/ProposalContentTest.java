package io.quillspace.booking.proposal;

import io.quillspace.booking.entity.Proposal;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProposalContentTest {

    private static final UUID ID = UUID.fromString("0b6f6d5e-3f0c-4c52-9a36-2d9f1b8e7a10");

    @Test
    void theCanonicalFormSortsKeysAndFixesPriceAndTime() {
        assertEquals("{\"currency\":\"EUR\",\"id\":\"" + ID + "\",\"phases\":[{\"deliverables\":[\"Editorial letter\"],"
                        + "\"estimatedDays\":10,\"name\":\"Read-through\",\"order\":1}],\"price\":\"4500.00\","
                        + "\"scopeOfWork\":\"Structure\",\"title\":\"Edit\",\"validUntil\":\"2027-06-30T23:59:59Z\"}",
                ProposalContent.of(proposal(new BigDecimal("4500"))).canonicalJson());
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalForm() {
        // The canonical form above, hashed outside Java (Python's hashlib).
        assertEquals("531544e6e3c32dc447f73b5b745ba7c7e9a230f61f04820cbba2d0e8c906abba",
                ProposalContent.of(proposal(new BigDecimal("4500"))).sha256());
        assertEquals(ProposalContent.of(proposal(new BigDecimal("4500.00"))).sha256(),
                ProposalContent.of(proposal(new BigDecimal("4500"))).sha256(), "the same price, written differently");
    }

    @Test
    void anEditListsTheFieldsItChanges() {
        Proposal before = proposal(new BigDecimal("4500.00"));
        ProposalDraft draft = new ProposalDraft("Edit", "Structure and pacing", before.workPlan.phases(),
                new BigDecimal("4500"), "EUR", Instant.parse("2027-07-31T23:59:59Z"));
        assertEquals(List.of("scopeOfWork", "validUntil"),
                ProposalContent.changedFields(before, draft, ProposalMapper.phasesInOrder(draft)));
    }

    private static Proposal proposal(BigDecimal price) {
        Proposal proposal = new Proposal();
        proposal.id = ID;
        proposal.title = "Edit";
        proposal.scopeOfWork = "Structure";
        proposal.workPlan = new Proposal.WorkPlan(List.of(new Proposal.Phase(1, "Read-through", 10,
                List.of("Editorial letter"))));
        proposal.price = price;
        proposal.currency = "EUR";
        proposal.validUntil = Instant.parse("2027-06-30T23:59:59Z");
        proposal.status = Proposal.Status.SENT;
        proposal.version = 3;
        return proposal;
    }
}
