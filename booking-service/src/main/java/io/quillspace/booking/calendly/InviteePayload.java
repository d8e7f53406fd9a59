package io.quillspace.booking.calendly;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** The part of Calendly's invitee payload ({@code invitee.created}, {@code invitee.canceled}) this service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
record InviteePayload(
        String uri,
        String email,
        String name,
        String timezone,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("cancel_url") String cancelUrl,
        @JsonProperty("reschedule_url") String rescheduleUrl,
        @JsonProperty("questions_and_answers") List<QuestionAndAnswer> questionsAndAnswers,
        Tracking tracking,
        boolean rescheduled,
        @JsonProperty("old_invitee") String oldInvitee,
        @JsonProperty("new_invitee") String newInvitee,
        Cancellation cancellation,
        @JsonProperty("scheduled_event") ScheduledEvent scheduledEvent) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record QuestionAndAnswer(String question, String answer, int position) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tracking(
            @JsonProperty("utm_campaign") String utmCampaign,
            @JsonProperty("utm_source") String utmSource,
            @JsonProperty("utm_medium") String utmMedium,
            @JsonProperty("utm_content") String utmContent,
            @JsonProperty("utm_term") String utmTerm) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cancellation(
            @JsonProperty("canceled_by") String canceledBy,
            String reason,
            @JsonProperty("canceler_type") String cancelerType,
            @JsonProperty("created_at") Instant createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ScheduledEvent(
            String uri,
            String name,
            @JsonProperty("start_time") Instant startTime,
            @JsonProperty("end_time") Instant endTime,
            Location location) {
    }

    /** Calendly's location object: {@code location} holds the address or phone number, {@code join_url} the link. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Location(String type, String location, @JsonProperty("join_url") String joinUrl) {
    }
}
