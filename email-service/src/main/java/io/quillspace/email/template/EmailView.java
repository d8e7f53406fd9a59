package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What an email template may show as {@code meeting}, already formatted for the reader: times in the invitee's own
 * zone, named; the location as Calendly gave it, split into the one part that applies (a join link for video, an
 * address for an in-person meeting, a phone number for a call). Absent parts are null, and templates test them with
 * {@code {#if}}, so no email ever says "null".
 */
public record EmailView(String inviteeName, String eventName, String day, String startTime, String endTime,
                        String timeZone, String joinUrl, String address, String phone, String cancelUrl,
                        String rescheduleUrl, String previousDay, String previousStartTime) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /**
     * The meeting as the recipient reads it; an email not about a meeting (a kickoff) has no times.
     *
     * @throws DateTimeException if the context names no valid zone: the job cannot be rendered
     */
    public static EmailView of(EmailJob.MeetingContext context) {
        ZoneId zone = ZoneId.of(context.inviteeTimeZone());
        ZonedDateTime start = context.startTime() == null ? null : context.startTime().atZone(zone);
        ZonedDateTime end = context.endTime() == null ? null : context.endTime().atZone(zone);
        EmailJob.Location location = context.location();
        String joinUrl = location == null ? null : blankToNull(location.joinUrl());
        String where = location == null || joinUrl != null ? null : blankToNull(location.location());
        boolean call = location != null && location.type() != null && location.type().contains("call");
        Instant previous = context.previousStartTime();
        return new EmailView(context.inviteeName(), context.eventName(), start == null ? null : DAY.format(start),
                start == null ? null : TIME.format(start), end == null ? null : TIME.format(end), zone.getId(), joinUrl,
                call ? null : where, call ? where : null,
                blankToNull(context.cancelUrl()), blankToNull(context.rescheduleUrl()),
                previous == null ? null : DAY.format(previous.atZone(zone)),
                previous == null ? null : TIME.format(previous.atZone(zone)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
