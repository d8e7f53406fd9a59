package io.quillspace.booking.calendly;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quillspace.booking.entity.Booking;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.messaging.UnprocessableEventException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads a verified Calendly delivery into the {@link CalendlyChange} it asks for. A delivery this service does not act
 * on, or one lacking what its event needs, is unprocessable: it is dead-lettered with the reason, never dropped.
 */
@ApplicationScoped
public class CalendlyChanges {

    public static final String INVITEE_CREATED = "invitee.created";
    public static final String INVITEE_CANCELED = "invitee.canceled";
    public static final String NO_SHOW_CREATED = "invitee_no_show.created";
    public static final String NO_SHOW_DELETED = "invitee_no_show.deleted";

    private final ObjectMapper objectMapper;

    public CalendlyChanges(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public CalendlyChange read(CalendlyDeliveryV1 delivery) {
        var source = new CalendlyChange.Source(delivery.tenantId(), delivery.deliveryId(), delivery.event(),
                delivery.payloadUpdatedAt());
        return switch (delivery.event()) {
            case INVITEE_CREATED -> new CalendlyChange.Booked(source, invitee(payload(delivery, InviteePayload.class), delivery));
            case INVITEE_CANCELED -> canceled(source, payload(delivery, InviteePayload.class), delivery);
            case NO_SHOW_CREATED -> noShow(source, payload(delivery, NoShowPayload.class), true);
            case NO_SHOW_DELETED -> noShow(source, payload(delivery, NoShowPayload.class), false);
            default -> throw new UnprocessableEventException("booking-service does not act on Calendly event '"
                    + delivery.event() + "'; replay it once a release handles it");
        };
    }

    private static CalendlyChange.Canceled canceled(CalendlyChange.Source source, InviteePayload payload,
                                                    CalendlyDeliveryV1 delivery) {
        var cancellation = payload.cancellation() == null
                ? new CalendlyChange.Cancellation(null, null, null, payload.updatedAt())
                : new CalendlyChange.Cancellation(payload.cancellation().canceledBy(), payload.cancellation().reason(),
                        payload.cancellation().cancelerType(), payload.cancellation().createdAt());
        if (payload.rescheduled() && payload.newInvitee() == null) {
            throw unprocessable(delivery, "is a reschedule without new_invitee");
        }
        return new CalendlyChange.Canceled(source, invitee(payload, delivery), cancellation, payload.rescheduled(),
                payload.newInvitee());
    }

    private static CalendlyChange.NoShow noShow(CalendlyChange.Source source, NoShowPayload payload, boolean marked) {
        if (payload.uri() == null || payload.invitee() == null) {
            throw new UnprocessableEventException("payload of " + source.event() + " " + source.deliveryId()
                    + " lacks uri or invitee");
        }
        return new CalendlyChange.NoShow(source, payload.uri(), payload.invitee(), marked);
    }

    private static CalendlyChange.Invitee invitee(InviteePayload payload, CalendlyDeliveryV1 delivery) {
        InviteePayload.ScheduledEvent meeting = payload.scheduledEvent();
        if (payload.uri() == null || payload.email() == null || meeting == null || meeting.uri() == null
                || meeting.startTime() == null || meeting.endTime() == null) {
            throw unprocessable(delivery, "lacks uri, email or scheduled_event uri/start_time/end_time");
        }
        InviteePayload.Location location = meeting.location();
        InviteePayload.Tracking tracking = payload.tracking();
        return new CalendlyChange.Invitee(payload.uri(), payload.email(), payload.name(), validZone(payload.timezone()),
                meeting.uri(), meeting.name(), meeting.startTime(), meeting.endTime(),
                location == null ? null : new Booking.Location(location.type(), location.location(), location.joinUrl()),
                tracking == null ? null : new Booking.Tracking(tracking.utmCampaign(), tracking.utmSource(),
                        tracking.utmMedium(), tracking.utmContent(), tracking.utmTerm()),
                payload.questionsAndAnswers() == null ? List.of() : payload.questionsAndAnswers().stream()
                        .map(qa -> new Booking.IntakeAnswer(qa.question(), qa.answer(), qa.position()))
                        .toList(),
                payload.cancelUrl(), payload.rescheduleUrl(), payload.oldInvitee());
    }

    private <T> T payload(CalendlyDeliveryV1 delivery, Class<T> type) {
        try {
            return objectMapper.treeToValue(delivery.payload(), type);
        } catch (JsonProcessingException e) {
            throw unprocessable(delivery, "is malformed: " + e.getOriginalMessage());
        }
    }

    /** The invitee's zone if Calendly sent a valid one; UTC otherwise, so a bad zone never blocks a booking. */
    private static String validZone(String zone) {
        try {
            return zone == null ? "UTC" : ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            return "UTC";
        }
    }

    private static UnprocessableEventException unprocessable(CalendlyDeliveryV1 delivery, String problem) {
        return new UnprocessableEventException("payload of " + delivery.event() + " " + delivery.deliveryId() + " " + problem);
    }

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

    /** Calendly's no-show payload: the mark's own URI and the invitee it marks. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NoShowPayload(String uri, String invitee, @JsonProperty("created_at") Instant createdAt) {
    }
}
