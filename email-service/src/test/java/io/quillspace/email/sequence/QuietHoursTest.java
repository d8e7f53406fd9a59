package io.quillspace.email.sequence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuietHoursTest {

    private final QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private final ZoneId madrid = ZoneId.of("Europe/Madrid");

    @Test
    void daytimeIsLeftAlone() {
        Instant afternoon = Instant.parse("2030-06-07T12:45:00Z");
        assertEquals(afternoon, night.nextAllowed(afternoon, madrid));
    }

    @Test
    void lateEveningWaitsForTheNextMorningInTheRecipientsZone() {
        assertEquals(Instant.parse("2030-06-08T06:00:00Z"), night.nextAllowed(Instant.parse("2030-06-07T20:30:00Z"), madrid));
    }

    @Test
    void earlyMorningWaitsForTheSameMorning() {
        assertEquals(Instant.parse("2030-06-08T06:00:00Z"), night.nextAllowed(Instant.parse("2030-06-08T01:00:00Z"), madrid));
    }

    @Test
    void theSameInstantIsNightInOneZoneAndDayInAnother() {
        Instant due = Instant.parse("2030-06-07T22:00:00Z");
        assertEquals(due, night.nextAllowed(due, ZoneId.of("America/New_York")));
        assertEquals(Instant.parse("2030-06-08T02:30:00Z"), night.nextAllowed(due, ZoneId.of("Asia/Kolkata")));
    }

    @Test
    void quietHoursWithinOneDayWork() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        assertEquals(Instant.parse("2030-06-07T13:00:00Z"), lunch.nextAllowed(Instant.parse("2030-06-07T12:15:00Z"),
                ZoneId.of("UTC")));
    }
}
