package io.quillspace.email.sequence;

import io.quillspace.email.config.EmailConfig;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours of the recipient's night, in their own zone, when non-transactional email waits for the morning.
 *
 * @param start when the quiet hours begin, e.g. 21:00
 * @param end   when they end, e.g. 08:00 (before {@code start}: the quiet hours span midnight)
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** No quiet hours: every time is allowed. */
    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public static QuietHours of(EmailConfig config) {
        return new QuietHours(config.quietHours().start(), config.quietHours().end());
    }

    /** {@code due}, or the end of the quiet hours it falls in, in the recipient's zone. */
    public Instant nextAllowed(Instant due, ZoneId zone) {
        ZonedDateTime local = due.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean spansMidnight = end.isBefore(start);
        if (spansMidnight) {
            if (!time.isBefore(start)) {
                return local.toLocalDate().plusDays(1).atTime(end).atZone(zone).toInstant();
            }
            if (time.isBefore(end)) {
                return local.toLocalDate().atTime(end).atZone(zone).toInstant();
            }
            return due;
        }
        if (!time.isBefore(start) && time.isBefore(end)) {
            return local.toLocalDate().atTime(end).atZone(zone).toInstant();
        }
        return due;
    }
}
