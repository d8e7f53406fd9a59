package io.quillspace.email;

import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * One client's booking events for a fresh tenant, published as booking-service would, and what reached their inbox
 * and the email jobs table.
 */
final class BookingEmails implements AutoCloseable {

    final UUID tenant = UUID.randomUUID();
    final UUID user = UUID.randomUUID();
    final String recipient;
    private final KafkaProducer<String, byte[]> producer;

    BookingEmails(String bootstrapServers) {
        this(bootstrapServers, "writer-" + UUID.randomUUID() + "@example.org");
    }

    /** A client who books under {@code recipient}, spelt as they typed it. */
    BookingEmails(String bootstrapServers, String recipient) {
        this.recipient = recipient;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    BookingEventV1.Created created(UUID booking, Instant start, String zone, String name,
                                   BookingEventV1.MeetingLocation location, UUID rescheduledFrom) {
        return new BookingEventV1.Created(UUID.randomUUID(), tenant, booking, 1, user, recipient, name,
                "Manuscript consultation (45 min)", start, start.plus(Duration.ofMinutes(45)), zone, location,
                "https://calendly.com/cancellations/X", "https://calendly.com/reschedulings/X", rescheduledFrom,
                Instant.now());
    }

    BookingEventV1.Created created(UUID booking, Instant start) {
        return created(booking, start, "Europe/Madrid", "Maria Lopez",
                new BookingEventV1.MeetingLocation("zoom", null, "https://zoom.us/j/123456789"), null);
    }

    BookingEventV1.Canceled canceled(BookingEventV1.Created booking, long sequence) {
        return new BookingEventV1.Canceled(UUID.randomUUID(), tenant, booking.bookingId(), sequence, user, recipient,
                booking.inviteeName(), booking.eventName(), booking.startTime(), booking.endTime(),
                booking.inviteeTimeZone(), booking.inviteeName(), "Family emergency", "invitee", Instant.now());
    }

    void send(BookingEventV1 event) {
        send(Topics.BOOKING_EVENTS, event.bookingId().toString(), BookingEventV1.encode(event));
    }

    void send(ProposalEventV1 event) {
        send(Topics.PROPOSAL_EVENTS, event.bookingId().toString(), ProposalEventV1.encode(event));
    }

    void send(ProjectEventV1 event) {
        send(Topics.PROJECT_EVENTS, event.projectId().toString(), ProjectEventV1.encode(event));
    }

    /** As booking-service's outbox relay would, in the trace a W3C {@code traceparent} names. */
    void send(BookingEventV1 event, String traceparent) {
        var record = new ProducerRecord<>(Topics.BOOKING_EVENTS, event.bookingId().toString(),
                BookingEventV1.encode(event).getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The booking's jobs: kind -> status, scheduled_for, attempts, last_error, message_id. */
    List<Map<String, Object>> jobs(UUID booking) {
        return DatabaseProbe.asRuntimeRole().queryAs(tenant, null, "service", """
                select id, kind, status, scheduled_for, attempts, last_error, message_id, smtp_response
                from email_jobs where booking_id = ? order by scheduled_for, kind""", booking);
    }

    Map<String, Object> job(UUID booking, String kind) {
        return jobs(booking).stream().filter(job -> kind.equals(job.get("kind"))).findFirst().orElse(Map.of());
    }

    Instant scheduledFor(UUID booking, String kind) {
        return ((java.sql.Timestamp) job(booking, kind).get("scheduled_for")).toInstant();
    }

    void awaitJob(UUID booking, String kind, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(job(booking, kind).get("status")));
    }

    List<MimeMessage> inbox() {
        return Infrastructure.shared().smtp().receivedMessages().stream()
                .filter(message -> {
                    try {
                        return message.getAllRecipients()[0].toString().equalsIgnoreCase(recipient);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** Waits for the message whose subject starts with {@code subject} and returns it. */
    MimeMessage awaitMessage(String subject) {
        await().atMost(Duration.ofSeconds(30)).until(() -> withSubject(subject) != null);
        return withSubject(subject);
    }

    private MimeMessage withSubject(String subject) {
        return inbox().stream().filter(message -> {
            try {
                return message.getSubject().startsWith(subject);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElse(null);
    }

    @Override
    public void close() {
        producer.close();
    }
}
