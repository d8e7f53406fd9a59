package io.quillspace.ingress.studio;

import io.quillspace.shared.problem.Problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A studio's profile as an operator or the studio's admin writes it, and the rules every field obeys. What a studio
 * writes here reaches its clients' mail headers ({@code From} display name, {@code Reply-To}) and pages (logo,
 * website), so no field may carry a control character (a line break would inject a header).
 *
 * @param timeZone          an IANA zone id, e.g. {@code Europe/Lisbon}
 * @param senderDisplayName the name in the {@code From} of its clients' emails; null for the studio's name
 * @param replyTo           where clients' replies go; null for none
 * @param logoUrl           an https URL with a host; null for none
 * @param website           an https URL with a host; null for none
 */
public record StudioProfile(String name, String timeZone, String senderDisplayName, String replyTo, String logoUrl,
                            String website) {

    static final int MAX_NAME = 120;
    static final int MAX_ZONE = 64;
    static final int MAX_DISPLAY_NAME = 100;
    /** RFC 5321's longest forward path. */
    static final int MAX_EMAIL = 254;
    static final int MAX_URL = 2048;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** One {@code @}, no spaces, a dot in the domain: what a Reply-To must look like; the mail server judges the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** Every offending field with what is wrong with it, in the order of the fields; empty when the profile is valid. */
    public List<Problem.FieldError> problems() {
        List<Problem.FieldError> problems = new ArrayList<>();
        required(problems, "name", name, MAX_NAME);
        if (required(problems, "timeZone", timeZone, MAX_ZONE) && !isZone(timeZone)) {
            problems.add(new Problem.FieldError("timeZone", "must be an IANA time zone id such as Europe/Lisbon"));
        }
        optional(problems, "senderDisplayName", senderDisplayName, MAX_DISPLAY_NAME);
        if (optional(problems, "replyTo", replyTo, MAX_EMAIL) && replyTo != null && !EMAIL.matcher(replyTo).matches()) {
            problems.add(new Problem.FieldError("replyTo", "must be an email address"));
        }
        httpsUrl(problems, "logoUrl", logoUrl);
        httpsUrl(problems, "website", website);
        return problems;
    }

    /** True when present and within bounds (more checks may follow). */
    private static boolean required(List<Problem.FieldError> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem.FieldError(field, "must not be blank"));
            return false;
        }
        return bounded(problems, field, value, max);
    }

    /** True when absent, or present and within bounds (more checks may follow). */
    private static boolean optional(List<Problem.FieldError> problems, String field, String value, int max) {
        if (value == null) {
            return true;
        }
        if (value.isBlank()) {
            problems.add(new Problem.FieldError(field, "must not be blank; leave it out for none"));
            return false;
        }
        return bounded(problems, field, value, max);
    }

    private static boolean bounded(List<Problem.FieldError> problems, String field, String value, int max) {
        if (value.length() > max) {
            problems.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
            return false;
        }
        if (CONTROL.matcher(value).find()) {
            problems.add(new Problem.FieldError(field, "must not contain control characters or line breaks"));
            return false;
        }
        return true;
    }

    private static void httpsUrl(List<Problem.FieldError> problems, String field, String value) {
        if (!optional(problems, field, value, MAX_URL) || value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()
                    || uri.getRawUserInfo() != null) {
                problems.add(new Problem.FieldError(field, "must be an https URL with a host and no user name"));
            }
        } catch (URISyntaxException e) {
            problems.add(new Problem.FieldError(field, "must be an https URL with a host and no user name"));
        }
    }

    private static boolean isZone(String value) {
        try {
            // Region ids only: a fixed offset such as +02:00 knows no daylight saving time.
            return ZoneId.of(value).getId().contains("/") || value.equals("UTC");
        } catch (DateTimeException e) {
            return false;
        }
    }
}
