package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The consultation business after the call, on {@link Topics#PROPOSAL_EVENTS}, keyed by {@link #bookingId()}: the
 * client's project brief and the studio's proposals. {@link #sequence()} continues the booking's own sequence (the one
 * {@link BookingEventV1} numbers), so a booking's events on both topics share one order; the numbers missing on one
 * topic are the other topic's. {@link #encode} and {@link #decode} are the only writer and reader of the record value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProposalEventV1.BriefSubmitted.class, name = ProposalEventV1.BriefSubmitted.TYPE),
        @JsonSubTypes.Type(value = ProposalEventV1.ProposalSent.class, name = ProposalEventV1.ProposalSent.TYPE),
        @JsonSubTypes.Type(value = ProposalEventV1.ProposalAccepted.class, name = ProposalEventV1.ProposalAccepted.TYPE),
        @JsonSubTypes.Type(value = ProposalEventV1.ProposalDeclined.class, name = ProposalEventV1.ProposalDeclined.TYPE),
        @JsonSubTypes.Type(value = ProposalEventV1.BriefFileAttached.class, name = ProposalEventV1.BriefFileAttached.TYPE)
})
public sealed interface ProposalEventV1 extends FleetEvent {

    int SCHEMA_VERSION = 1;
    EventContract<ProposalEventV1> CONTRACT = new EventContract<>(Topics.PROPOSAL_EVENTS, SCHEMA_VERSION, ProposalEventV1.class, "bookingId");

    /** The consultation (booking) the brief or proposal belongs to; the record key. */
    UUID bookingId();

    @Override
    @JsonIgnore
    default Map<String, String> logFields() {
        return Map.of("tenantId", String.valueOf(tenantId()), "eventId", String.valueOf(eventId()),
                "bookingId", String.valueOf(bookingId()));
    }

    /** The project the client described, as the latest version of their brief states it. */
    record Brief(int version, String projectName, String genre, Integer manuscriptWordCount, int budgetMin,
                 int budgetMax, LocalDate desiredStartDate, String goals, String contactEmail) {
    }

    /** One phase of the proposed work, in {@code order} (from 1). */
    record Phase(int order, String name, int estimatedDays, List<String> deliverables) {
    }

    /** The client submitted (a new version of) the project brief. */
    @JsonTypeName(BriefSubmitted.TYPE)
    record BriefSubmitted(UUID eventId, UUID tenantId, UUID bookingId, long sequence, UUID userId, UUID submittedBy,
                          Brief brief, Instant occurredAt) implements ProposalEventV1 {

        public static final String TYPE = "brief.submitted";
    }

    /** The studio sent a proposal to the client; earlier sent proposals of the booking are superseded by it. */
    @JsonTypeName(ProposalSent.TYPE)
    record ProposalSent(UUID eventId, UUID tenantId, UUID bookingId, long sequence, UUID proposalId, UUID userId,
                        String title, BigDecimal price, String currency, Instant validUntil, Instant occurredAt)
            implements ProposalEventV1 {

        public static final String TYPE = "proposal.sent";
    }

    /**
     * The client accepted a proposal: everything project-service needs to start the project without calling back.
     *
     * @param brief          null when the client never submitted one
     * @param clientTimeZone IANA zone the client booked in: the project's days are the client's days
     */
    @JsonTypeName(ProposalAccepted.TYPE)
    record ProposalAccepted(UUID eventId, UUID tenantId, UUID bookingId, long sequence, UUID proposalId,
                            UUID clientUserId, String clientEmail, String clientName, String clientTimeZone,
                            Brief brief, String title,
                            String scopeOfWork, List<Phase> phases, BigDecimal price, String currency,
                            Instant acceptedAt, Instant occurredAt) implements ProposalEventV1 {

        public static final String TYPE = "proposal.accepted";
    }

    /** The client declined a proposal. */
    @JsonTypeName(ProposalDeclined.TYPE)
    record ProposalDeclined(UUID eventId, UUID tenantId, UUID bookingId, long sequence, UUID proposalId, UUID userId,
                            Instant occurredAt) implements ProposalEventV1 {

        public static final String TYPE = "proposal.declined";
    }

    /**
     * A file (a manuscript sample, a cover) was attached to the brief, checked as it arrived in the object store.
     *
     * @param briefVersion the brief version current at upload; null when no brief had been submitted yet
     * @param fileName     as the user gave it: data to display, never a path
     */
    @JsonTypeName(BriefFileAttached.TYPE)
    record BriefFileAttached(UUID eventId, UUID tenantId, UUID bookingId, long sequence, UUID fileId, UUID userId,
                             UUID uploadedBy, Integer briefVersion, String fileName, String contentType, long size,
                             Instant occurredAt) implements ProposalEventV1 {

        public static final String TYPE = "brief.file-attached";
    }

    @Override
    @JsonIgnore
    default UUID aggregateId() {
        return bookingId();
    }

    @Override
    @JsonIgnore
    default EventContract<?> contract() {
        return CONTRACT;
    }

    /** The record value. */
    static String encode(ProposalEventV1 event) {
        return CONTRACT.encode(event);
    }

    /** Reads a record value; an unknown {@code type} or a value without ids is malformed. */
    static ProposalEventV1 decode(byte[] value) {
        return CONTRACT.decode(value);
    }
}
