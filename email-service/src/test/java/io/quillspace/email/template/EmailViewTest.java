package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EmailViewTest {

    private static final Instant START = Instant.parse("2026-03-14T09:00:00Z");

    @Test
    void timesAreShownInTheInviteesZoneAndTheZoneIsNamed() {
        assertWhen("Europe/Madrid", "Saturday 14 March 2026", "10:00", "10:45");
        assertWhen("America/New_York", "Saturday 14 March 2026", "05:00", "05:45");
        assertWhen("Asia/Kolkata", "Saturday 14 March 2026", "14:30", "15:15");
    }

    @Test
    void aVideoMeetingShowsItsJoinLink() {
        EmailView view = view(new EmailJob.Location("zoom", null, "https://zoom.us/j/1"));
        assertEquals("https://zoom.us/j/1", view.joinUrl());
        assertNull(view.address());
        assertNull(view.phone());
    }

    @Test
    void anInPersonMeetingShowsItsAddress() {
        EmailView view = view(new EmailJob.Location("physical", "12 Quill Lane, Lisbon", null));
        assertEquals("12 Quill Lane, Lisbon", view.address());
        assertNull(view.joinUrl());
    }

    @Test
    void aCallShowsThePhoneNumber() {
        EmailView view = view(new EmailJob.Location("outbound_call", "+34 600 000 000", null));
        assertEquals("+34 600 000 000", view.phone());
        assertNull(view.address());
    }

    @Test
    void noLocationShowsNone() {
        EmailView view = view(null);
        assertNull(view.joinUrl());
        assertNull(view.address());
        assertNull(view.phone());
    }

    private static void assertWhen(String zone, String day, String start, String end) {
        EmailView view = EmailView.of(context(zone, null));
        assertEquals(day, view.day());
        assertEquals(start, view.startTime());
        assertEquals(end, view.endTime());
        assertEquals(zone, view.timeZone());
    }

    private static EmailView view(EmailJob.Location location) {
        return EmailView.of(context("Europe/Madrid", location));
    }

    private static EmailJob.MeetingContext context(String zone, EmailJob.Location location) {
        return new EmailJob.MeetingContext("Maria Lopez", "Consultation", START, START.plusSeconds(2700), zone,
                null, null, location, null, "uid", 0, null, null, null);
    }
}
