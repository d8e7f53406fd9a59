package io.quillspace.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.testing.CalendlyApiStandIn;
import io.quillspace.shared.events.Topics;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.quillspace.faults.FaultFleet.RECONCILED;

/**
 * Scenario 7: the studio's webhooks stop arriving for a stretch of traffic (ten simulated minutes of cancels,
 * reschedules, no-show marks and new bookings, some for meetings already under way), while Calendly's API, the
 * stand-in, holds the truth. One sweep must bring every booking to the truth and send each missing email exactly once,
 * except what the past-meeting rule withholds (no confirmation for a meeting that has begun); a second sweep over the
 * same truth must change nothing and send nothing.
 */
final class Reconciliation implements Scenario {

    static final String NAME = "7 reconciliation during a webhook outage";
    /** Invitees per kind of change. */
    private static final int EACH = 5;
    private static final Duration OUTAGE = Duration.ofMinutes(10);
    private static final String EVERY_JOB = "recipient || ' ' || kind || ' ' || status";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Outcome> run(FaultFleet fleet) {
        String tag = "r" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant outageStart = now.minus(OUTAGE);
        Instant booked = now.minus(3, ChronoUnit.HOURS);
        Instant ahead = now.plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant held = now.minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        Instant underWay = now.minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);

        Truth truth = new Truth(tag);
        List<ObjectNode> kept = new ArrayList<>();
        List<ObjectNode> canceled = new ArrayList<>();
        List<ObjectNode> moved = new ArrayList<>();
        List<ObjectNode> missed = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            kept.add(truth.invitee("kept", i, ahead.plus(i, ChronoUnit.HOURS), booked));
            canceled.add(truth.invitee("canceled", i, ahead.plus(10 + i, ChronoUnit.HOURS), booked));
            moved.add(truth.invitee("moved", i, ahead.plus(20 + i, ChronoUnit.HOURS), booked));
            missed.add(truth.invitee("noshow", i, held, booked));
        }
        // Before the outage every webhook arrives: these bookings and their emails exist.
        for (ObjectNode invitee : concat(kept, canceled, moved, missed)) {
            deliver(fleet, Deliveries.created(truth.asWebhook(invitee)));
        }
        Journeys.awaitQuiet(fleet, Duration.ofMinutes(2));
        Map<String, Long> deadBefore = fleet.ledger().deadLetterCounts();

        // The outage: what happens now reaches Calendly's API only, spread over the stretch.
        List<ObjectNode> replacements = new ArrayList<>();
        List<ObjectNode> fresh = new ArrayList<>();
        List<ObjectNode> late = new ArrayList<>();
        long step = OUTAGE.toMillis() / (5L * EACH);
        Instant at = outageStart;
        for (int i = 0; i < EACH; i++) {
            truth.cancel(canceled.get(i), at = at.plusMillis(step));
            ObjectNode replacement = truth.invitee("moved-new", i, ahead.plus(30 + i, ChronoUnit.HOURS),
                    at = at.plusMillis(step));
            replacement.put("email", moved.get(i).path("email").asText());
            truth.reschedule(moved.get(i), replacement, at);
            replacements.add(replacement);
            truth.markNoShow(missed.get(i), at = at.plusMillis(step));
            fresh.add(truth.invitee("new", i, ahead.plus(40 + i, ChronoUnit.HOURS), at = at.plusMillis(step)));
            late.add(truth.invitee("late", i, underWay, at = at.plusMillis(step)));
        }
        truth.serve(fleet.calendly());

        String injected = "webhooks dropped for " + OUTAGE.toMinutes() + " simulated minutes: " + EACH + " each of cancels, "
                + "reschedules, no-show marks, new bookings, new bookings of meetings under way; Calendly API holds the truth";
        List<Outcome> outcomes = new ArrayList<>();
        String firstSweep = sweep(fleet);
        Journeys.awaitQuiet(fleet, Duration.ofMinutes(3));

        Map<String, String> expectedStatus = new TreeMap<>();
        kept.forEach(invitee -> expectedStatus.put(uri(invitee), "SCHEDULED"));
        canceled.forEach(invitee -> expectedStatus.put(uri(invitee), "CANCELED"));
        moved.forEach(invitee -> expectedStatus.put(uri(invitee), "RESCHEDULED"));
        replacements.forEach(invitee -> expectedStatus.put(uri(invitee), "SCHEDULED"));
        missed.forEach(invitee -> expectedStatus.put(uri(invitee), "SCHEDULED no-show"));
        fresh.forEach(invitee -> expectedStatus.put(uri(invitee), "SCHEDULED"));
        late.forEach(invitee -> expectedStatus.put(uri(invitee), "SCHEDULED"));
        Map<String, String> statuses = statuses(fleet, tag);
        outcomes.add(Outcome.check(NAME, injected, "one sweep brings every booking to Calendly's truth ("
                        + expectedStatus.size() + " invitees)", "sweep " + firstSweep + "; " + differences(expectedStatus, statuses),
                expectedStatus.equals(statuses)));

        // Sent: before the outage a confirmation for each future meeting; the sweep adds what the outage withheld.
        Map<String, Long> expectedSent = new TreeMap<>();
        concat(kept, canceled, moved).forEach(invitee -> expect(expectedSent, invitee, "CONFIRMATION"));
        canceled.forEach(invitee -> expect(expectedSent, invitee, "CANCELLATION"));
        replacements.forEach(invitee -> expect(expectedSent, invitee, "RESCHEDULED"));
        missed.forEach(invitee -> expect(expectedSent, invitee, "NO_SHOW"));
        fresh.forEach(invitee -> expect(expectedSent, invitee, "CONFIRMATION"));
        Map<String, Long> sent = jobs(fleet, tag, "recipient || ' ' || kind", "status = 'SENT'");
        var messages = fleet.ledger().messagesById(to -> to.contains("-" + tag + "-"));
        long copies = messages.values().stream().mapToLong(List::size).sum();
        long expectedEmails = expectedSent.values().stream().mapToLong(Long::longValue).sum();
        outcomes.add(Outcome.check(NAME, injected, "each missing email sent once: " + expectedEmails + " emails in all, "
                        + "one Message-ID and one copy each", "jobs sent " + differences(expectedSent, sent) + "; SMTP "
                        + messages.size() + " Message-IDs, " + copies + " copies",
                expectedSent.equals(sent) && messages.size() == expectedEmails && copies == expectedEmails));

        long confirmedLate = fleet.ledger().count("email", "select count(*) from email_jobs where recipient like ?"
                + " and kind in ('CONFIRMATION', 'REMINDER_24H', 'REMINDER_1H')", "%-" + tag + "-late-%");
        outcomes.add(Outcome.check(NAME, injected, "no confirmation or reminder for the " + EACH
                        + " meetings already under way (past-meeting rule)", confirmedLate + " such email jobs",
                confirmedLate == 0));
        Map<String, Long> deadAfter = fleet.ledger().deadLetterCounts();
        outcomes.add(Outcome.check(NAME, injected, "nothing dead-lettered", "DLQs before " + deadBefore + ", after "
                + deadAfter, deadBefore.equals(deadAfter)));

        // The same truth again: every delivery is a duplicate or stale, and nothing moves.
        Ledger.Snapshot before = fleet.ledger().snapshot();
        Map<String, Long> jobsBefore = jobs(fleet, tag, EVERY_JOB, "true");
        String secondSweep = sweep(fleet);
        Journeys.awaitQuiet(fleet, Duration.ofMinutes(3));
        List<String> changes = before.changesTo(fleet.ledger().snapshot()).stream()
                .filter(change -> !change.startsWith(Topics.CALENDLY_WEBHOOKS + " ")).toList();
        Map<String, String> statusesAgain = statuses(fleet, tag);
        Map<String, Long> jobsAgain = jobs(fleet, tag, EVERY_JOB, "true");
        outcomes.add(Outcome.check(NAME, injected, "a second sweep changes nothing: no row, no event, no email (only "
                        + "its own deliveries on " + Topics.CALENDLY_WEBHOOKS + ")", "sweep " + secondSweep + "; changes "
                        + changes + "; booking states " + (statuses.equals(statusesAgain) ? "same" : "changed")
                        + "; email jobs " + (jobsBefore.equals(jobsAgain) ? "same" : "changed " + jobsAgain),
                changes.isEmpty() && statuses.equals(statusesAgain) && jobsBefore.equals(jobsAgain)));
        return outcomes;
    }

    @SafeVarargs
    private static List<ObjectNode> concat(List<ObjectNode>... lists) {
        List<ObjectNode> all = new ArrayList<>();
        for (List<ObjectNode> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static String uri(ObjectNode invitee) {
        return invitee.path("uri").asText();
    }

    private static void expect(Map<String, Long> sent, ObjectNode invitee, String kind) {
        sent.merge(invitee.path("email").asText() + " " + kind, 1L, Long::sum);
    }

    private static void deliver(FaultFleet fleet, byte[] body) {
        int status = fleet.deliver(RECONCILED, body);
        if (status != 202) {
            throw new IllegalStateException("a valid delivery was answered " + status);
        }
    }

    /** Answers {@code 200 {…}}, the sweep's own report; anything else ends the scenario. */
    private static String sweep(FaultFleet fleet) {
        HttpResponse<String> answer = fleet.call(FleetService.WEBHOOK_INGRESS, "POST",
                "/calendly/" + RECONCILED + "/reconciliations", FaultFleet.admin(RECONCILED), null);
        return Journeys.expect(answer, 200).statusCode() + " " + answer.body();
    }

    /** Each of the run's bookings: its status, and "no-show" while a no-show mark is set. */
    private static Map<String, String> statuses(FaultFleet fleet, String tag) {
        Map<String, String> statuses = new TreeMap<>();
        fleet.ledger().sql("booking", """
                        select b.invitee_uri, b.status || case when exists (select 1 from invitee_no_shows n
                            where n.invitee_uri = b.invitee_uri and not n.cleared) then ' no-show' else '' end
                        from consultation_bookings b where b.invitee_uri like ?""", "%/invitees/INV" + tag + "%")
                .forEach(row -> statuses.put(row.get(0), row.get(1)));
        return statuses;
    }

    /** The run's email jobs that satisfy {@code condition}, counted per {@code key} (an SQL expression). */
    private static Map<String, Long> jobs(FaultFleet fleet, String tag, String key, String condition) {
        Map<String, Long> jobs = new TreeMap<>();
        fleet.ledger().sql("email", "select " + key + ", count(*) from email_jobs where recipient like ? and " + condition
                        + " group by 1", "%-" + tag + "-%")
                .forEach(row -> jobs.put(row.get(0), Long.parseLong(row.get(1))));
        return jobs;
    }

    private static <V> String differences(Map<String, V> expected, Map<String, V> counted) {
        List<String> wrong = new ArrayList<>();
        expected.forEach((key, value) -> {
            if (!value.equals(counted.get(key))) {
                wrong.add(key + " expected " + value + ", counted " + counted.get(key));
            }
        });
        counted.forEach((key, value) -> {
            if (!expected.containsKey(key)) {
                wrong.add(key + " unexpected " + value);
            }
        });
        return counted.size() + " counted" + (wrong.isEmpty() ? ", all as expected" : ", differing: " + wrong);
    }

    /** The studio's meetings and invitees as Calendly's API shows them, kept up to date by every change. */
    private static final class Truth {

        private final String tag;
        private final List<ObjectNode> meetings = new ArrayList<>();
        private final List<ObjectNode> invitees = new ArrayList<>();

        Truth(String tag) {
            this.tag = tag;
        }

        /** A one-invitee meeting starting at {@code start}, booked at {@code bookedAt}. */
        ObjectNode invitee(String kind, int number, Instant start, Instant bookedAt) {
            String id = tag + kind.replace("-", "") + number;
            ObjectNode meeting = CalendlyApiStandIn.scheduledEvent("EVT" + id, "Manuscript consultation (45 min)",
                    start, 45, false);
            ObjectNode invitee = CalendlyApiStandIn.invitee(meeting, "INV" + id,
                    "recon-" + tag + "-" + kind + "-" + number + "@example.org", "Writer " + number, "Europe/Madrid",
                    bookedAt);
            meetings.add(meeting);
            invitees.add(invitee);
            return invitee;
        }

        void cancel(ObjectNode invitee, Instant at) {
            CalendlyApiStandIn.canceled(invitee, at);
            meetingOf(invitee).put("status", "canceled");
        }

        void reschedule(ObjectNode old, ObjectNode replacement, Instant at) {
            CalendlyApiStandIn.rescheduled(old, replacement, at);
            meetingOf(old).put("status", "canceled");
        }

        /** The same no-show resource the webhook would carry ({@link Deliveries#noShow}). */
        void markNoShow(ObjectNode invitee, Instant at) {
            invitee.putObject("no_show")
                    .put("uri", "https://api.calendly.com/invitee_no_shows/NS" + uri(invitee).hashCode())
                    .put("created_at", at.toString());
        }

        /** The webhook body of the invitee as it is now: the invitee with its meeting embedded. */
        ObjectNode asWebhook(ObjectNode invitee) {
            ObjectNode payload = invitee.deepCopy();
            payload.set("scheduled_event", meetingOf(invitee).deepCopy());
            return payload;
        }

        void serve(CalendlyApiStandIn calendly) {
            calendly.reset();
            calendly.serveMeetings(FaultFleet.RECONCILED_TOKEN, FaultFleet.RECONCILED_ORGANIZATION, meetings, invitees,
                    100);
        }

        private ObjectNode meetingOf(ObjectNode invitee) {
            String event = invitee.path("event").asText();
            return meetings.stream().filter(meeting -> event.equals(meeting.path("uri").asText())).findFirst()
                    .orElseThrow();
        }
    }
}
