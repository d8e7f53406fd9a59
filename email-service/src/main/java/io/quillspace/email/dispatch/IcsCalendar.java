package io.quillspace.email.dispatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The iCalendar (RFC 5545) invitation attached to confirmation, reschedule and cancellation emails. One booking keeps
 * one UID, and every change raises SEQUENCE, so the recipient's calendar updates or removes the entry it already has.
 */
public final class IcsCalendar {

    public enum Method { REQUEST, CANCEL }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private IcsCalendar() {
    }

    public static String render(Method method, String uid, int sequence, Instant start, Instant end, Instant stamp,
                                String summary, String location, String organizer) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//QuillSpace//Consultations//EN");
        line(ics, "METHOD:" + method);
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + text(uid));
        line(ics, "SEQUENCE:" + sequence);
        line(ics, "DTSTAMP:" + UTC.format(stamp));
        line(ics, "DTSTART:" + UTC.format(start));
        line(ics, "DTEND:" + UTC.format(end));
        line(ics, "SUMMARY:" + text(summary));
        if (location != null && !location.isBlank()) {
            line(ics, "LOCATION:" + text(location));
        }
        line(ics, "ORGANIZER:mailto:" + organizer);
        line(ics, "STATUS:" + (method == Method.CANCEL ? "CANCELLED" : "CONFIRMED"));
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
    static String text(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** Lines end in CRLF and fold at 75 octets (RFC 5545 3.1). */
    private static void line(StringBuilder ics, String content) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            ics.append(content).append("\r\n");
            return;
        }
        int written = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            int limit = written == 0 ? 75 : 74;
            if (current.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + size > limit) {
                ics.append(written == 0 ? "" : " ").append(current).append("\r\n");
                current.setLength(0);
                written++;
            }
            current.append(character);
            i += Character.charCount(codePoint);
        }
        ics.append(written == 0 ? "" : " ").append(current).append("\r\n");
    }
}
