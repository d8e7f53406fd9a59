package io.quillspace.email.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

class IcsCalendarTest {

    private static final Instant START = Instant.parse("2030-06-06T12:00:00Z");

    @Test
    void anInvitationCarriesTheStableUidSequenceAndTimesInUtc() {
        String ics = IcsCalendar.render(IcsCalendar.Method.REQUEST, "b1@quillspace.email", 2, START,
                START.plusSeconds(2700), START, "Consultation", "https://zoom.us/j/1", "studio@quillspace.example");

        for (String line : new String[] {"METHOD:REQUEST", "UID:b1@quillspace.email", "SEQUENCE:2",
                "DTSTART:20300606T120000Z", "DTEND:20300606T124500Z", "STATUS:CONFIRMED",
                "ORGANIZER:mailto:studio@quillspace.example"}) {
            assertTrue(ics.contains(line + "\r\n"), line + " in\n" + ics);
        }
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n") && ics.endsWith("END:VCALENDAR\r\n"));
    }

    @Test
    void aCancellationCancelsTheSameEntry() {
        String ics = IcsCalendar.render(IcsCalendar.Method.CANCEL, "b1@quillspace.email", 3, START,
                START.plusSeconds(2700), START, "Consultation", null, "studio@quillspace.example");
        assertTrue(ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n") && ics.contains("SEQUENCE:3\r\n"));
    }

    @Test
    void textIsEscapedAndLongLinesAreFolded() {
        String ics = IcsCalendar.render(IcsCalendar.Method.REQUEST, "u", 0, START, START, START,
                "Edit; review, and more " + "x".repeat(100), null, "a@b");
        assertTrue(ics.contains("SUMMARY:Edit\\; review\\, and more"), ics);
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75, line);
        }
        assertTrue(ics.contains("\r\n x"), "continuation lines start with a space");
    }
}
