package io.quillspace.email.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quillspace.email.entity.EmailJob;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders an email job with its Qute templates; times are shown in the invitee's own time zone. */
@ApplicationScoped
public class EmailRenderer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    public record Rendered(String subject, String html, String text) {
    }

    /** What a confirmation shows, already formatted for the reader. */
    public record MeetingView(String inviteeName, String eventName, String day, String startTime, String endTime,
                              String timeZone, String cancelUrl, String rescheduleUrl) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirmation(MeetingView meeting);

        static native TemplateInstance confirmationText(MeetingView meeting);
    }

    public Rendered render(EmailJob job) {
        MeetingView meeting = view(job.context);
        return switch (job.kind) {
            case CONFIRMATION -> new Rendered(
                    "Your consultation is confirmed: " + meeting.day() + " at " + meeting.startTime() + " (" + meeting.timeZone() + ")",
                    Templates.confirmation(meeting).render(),
                    Templates.confirmationText(meeting).render());
        };
    }

    static MeetingView view(EmailJob.MeetingContext context) {
        ZoneId zone = ZoneId.of(context.inviteeTimeZone());
        ZonedDateTime start = context.startTime().atZone(zone);
        ZonedDateTime end = context.endTime().atZone(zone);
        return new MeetingView(context.inviteeName(), context.eventName(), DAY.format(start), TIME.format(start),
                TIME.format(end), zone.getId(), context.cancelUrl(), context.rescheduleUrl());
    }
}
