package io.quillspace.booking.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** The part of Calendly's invitee payload this service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InviteePayload(
        String uri,
        String email,
        String name,
        String timezone,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("cancel_url") String cancelUrl,
        @JsonProperty("reschedule_url") String rescheduleUrl,
        @JsonProperty("questions_and_answers") List<QuestionAndAnswer> questionsAndAnswers,
        @JsonProperty("scheduled_event") ScheduledEvent scheduledEvent) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QuestionAndAnswer(String question, String answer, int position) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScheduledEvent(
            String uri,
            String name,
            @JsonProperty("start_time") Instant startTime,
            @JsonProperty("end_time") Instant endTime) {
    }
}
