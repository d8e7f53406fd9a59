package io.quillspace.booking.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.OutboxEvent;
import io.quillspace.booking.messaging.InviteePayload;
import io.quillspace.booking.repository.BookingRepository;
import io.quillspace.booking.repository.UserRepository;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.UnprocessableEventException;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Applies verified Calendly deliveries to the tenant's bookings and records the resulting events in the outbox. */
@ApplicationScoped
public class BookingService {

    private static final Logger LOG = Logger.getLogger(BookingService.class);
    static final String INVITEE_CREATED = "invitee.created";

    private final BookingRepository bookings;
    private final UserRepository users;
    private final ObjectMapper objectMapper;

    public BookingService(BookingRepository bookings, UserRepository users, ObjectMapper objectMapper) {
        this.bookings = bookings;
        this.users = users;
        this.objectMapper = objectMapper;
    }

    /** Completes when the delivery's effects (or the decision to skip it) are committed. */
    public Uni<Void> apply(CalendlyDeliveryV1 delivery) {
        if (!INVITEE_CREATED.equals(delivery.event())) {
            LOG.infof("delivery %s: %s is not handled by booking-service yet", delivery.deliveryId(), delivery.event());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> parse(delivery)).chain(invitee -> TenantTransactions.inTenant(TenantContext.service(delivery.tenantId()),
                () -> TenantTransactions.registerTenant(delivery.tenantId())
                        .chain(() -> bookings.findByInviteeUri(invitee.uri()))
                        .chain(existing -> {
                            if (existing != null) {
                                LOG.infof("delivery %s: booking %s exists, redelivery ignored", delivery.deliveryId(), existing.id);
                                return Uni.createFrom().voidItem();
                            }
                            return createBooking(delivery, invitee);
                        })));
    }

    /**
     * The caller's page of bookings, soonest first; Row-Level Security limits a user to their own. The tenant
     * condition repeats the policy's: the query states what it means even where the policy is what enforces it.
     */
    public Uni<List<Booking>> visible(TenantContext caller, int page, int size) {
        return TenantTransactions.inTenant(caller,
                () -> bookings.find("tenantId", Sort.by("startTime").and("id"), caller.tenantId()).page(page, size).list());
    }

    /** The booking if the caller may see it, else null (also for another tenant's id). */
    public Uni<Booking> findVisible(TenantContext caller, UUID id) {
        return TenantTransactions.inTenant(caller, () -> bookings.findById(id));
    }

    private Uni<Void> createBooking(CalendlyDeliveryV1 delivery, InviteePayload invitee) {
        return users.findOrCreate(delivery.tenantId(), invitee.email(), invitee.name())
                .chain(user -> {
                    Booking booking = newBooking(delivery, invitee, user.id);
                    OutboxEvent event = outboxEvent(created(booking, invitee, delivery.receivedAt()));
                    return booking.<Booking>persist().chain(() -> event.persist())
                            .invoke(() -> LOG.infof("delivery %s: booking %s created", delivery.deliveryId(), booking.id));
                })
                .replaceWithVoid();
    }

    private InviteePayload parse(CalendlyDeliveryV1 delivery) {
        InviteePayload invitee;
        try {
            invitee = objectMapper.treeToValue(delivery.payload(), InviteePayload.class);
        } catch (JsonProcessingException e) {
            throw new UnprocessableEventException("payload of " + delivery.event() + " is malformed: " + e.getOriginalMessage(), e);
        }
        if (invitee.uri() == null || invitee.email() == null || invitee.scheduledEvent() == null
                || invitee.scheduledEvent().uri() == null || invitee.scheduledEvent().startTime() == null
                || invitee.scheduledEvent().endTime() == null) {
            throw new UnprocessableEventException(
                    "payload of " + delivery.event() + " lacks uri, email or scheduled_event uri/start_time/end_time");
        }
        return invitee;
    }

    private static Booking newBooking(CalendlyDeliveryV1 delivery, InviteePayload invitee, UUID userId) {
        Booking booking = new Booking();
        booking.id = UUID.randomUUID();
        booking.tenantId = delivery.tenantId();
        booking.userId = userId;
        booking.inviteeUri = invitee.uri();
        booking.eventUri = invitee.scheduledEvent().uri();
        booking.eventName = invitee.scheduledEvent().name();
        booking.status = Booking.Status.SCHEDULED;
        booking.startTime = invitee.scheduledEvent().startTime();
        booking.endTime = invitee.scheduledEvent().endTime();
        booking.inviteeTimeZone = validZone(invitee.timezone());
        booking.intake = new Booking.Intake(invitee.questionsAndAnswers() == null ? List.of()
                : invitee.questionsAndAnswers().stream()
                        .map(qa -> new Booking.IntakeAnswer(qa.question(), qa.answer(), qa.position()))
                        .toList());
        booking.cancelUrl = invitee.cancelUrl();
        booking.rescheduleUrl = invitee.rescheduleUrl();
        booking.calendlyUpdatedAt = invitee.updatedAt();
        booking.createdAt = Instant.now();
        return booking;
    }

    /** The invitee's zone if Calendly sent a valid one; UTC otherwise, so a bad zone never blocks a booking. */
    private static String validZone(String zone) {
        try {
            return zone == null ? "UTC" : ZoneId.of(zone).getId();
        } catch (java.time.DateTimeException e) {
            return "UTC";
        }
    }

    private static BookingEventV1.Created created(Booking booking, InviteePayload invitee, Instant occurredAt) {
        return new BookingEventV1.Created(UUID.randomUUID(), booking.tenantId, booking.id, booking.userId,
                invitee.email(), invitee.name(), booking.eventName, booking.startTime, booking.endTime,
                booking.inviteeTimeZone, booking.cancelUrl, booking.rescheduleUrl, occurredAt);
    }

    private OutboxEvent outboxEvent(BookingEventV1.Created event) {
        OutboxEvent outbox = new OutboxEvent();
        outbox.id = event.eventId();
        outbox.tenantId = event.tenantId();
        outbox.topic = Topics.BOOKING_EVENTS;
        outbox.recordKey = event.bookingId().toString();
        outbox.eventType = BookingEventV1.Created.TYPE;
        try {
            outbox.payload = objectMapper.writerFor(BookingEventV1.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
        outbox.createdAt = Instant.now();
        return outbox;
    }
}
