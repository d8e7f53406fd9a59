package io.quillspace.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Scenario 5: a mixed workload (creates, cancels, both halves of reschedules, no-shows and their clearing) sent once
 * in order, and the same workload for other invitees sent three times in shuffled order. Final states, histories and
 * email sets, with each run's tag masked, must be identical, with one allowance: a cancel that overtakes its create
 * (or reaches email-service before the confirmation left) withdraws the confirmation, so a client who canceled is not
 * told their meeting is confirmed; a cleared no-show likewise withdraws its apology. Such an email may be SENT or
 * CANCELLED, never sent twice.
 */
final class Duplicates implements Scenario {

    static final String NAME = "5 duplicates and disorder";
    private final int groups;

    /** @param groups how many times the workload's eleven deliveries are repeated for further invitees */
    Duplicates(int groups) {
        this.groups = groups;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Outcome> run(FaultFleet fleet) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String salt = Long.toString(System.nanoTime() % 1_000_000, 36);
        String ordered = "o" + salt;
        String shuffled = "s" + salt;
        List<byte[]> inOrder = workload(ordered, base, groups);
        // In order means as Calendly would send them apart in time: each one's effects (emails included) land first.
        inOrder.forEach(body -> {
            deliver(fleet, body);
            Journeys.awaitSettled(fleet, Duration.ofSeconds(60));
        });
        List<byte[]> thrice = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            thrice.addAll(workload(shuffled, base, groups));
        }
        Collections.shuffle(thrice, new Random(30));
        thrice.forEach(body -> deliver(fleet, body));
        Journeys.awaitQuiet(fleet, Duration.ofMinutes(2));

        String injected = inOrder.size() + " deliveries in order vs the same " + inOrder.size() + " × 3, shuffled";
        List<Outcome> outcomes = new ArrayList<>();
        compare(outcomes, injected, "final states (status, no-show) of every booking", fleet, """
                select invitee_uri, status, coalesce((select string_agg(n.cleared::text, ',') from invitee_no_shows n
                        where n.invitee_uri = b.invitee_uri), 'no no-show')
                from consultation_bookings b where invitee_uri like ? order by invitee_uri""", "booking", ordered, shuffled);
        compare(outcomes, injected, "history rows per booking, in order", fleet, """
                select b.invitee_uri, h.change, coalesce(h.from_status, '-'), h.to_status, h.no_show
                from booking_history h join consultation_bookings b on b.tenant_id = h.tenant_id and b.id = h.booking_id
                where b.invitee_uri like ? order by b.invitee_uri, h.id""", "booking", ordered, shuffled);
        compare(outcomes, injected, "email jobs (recipient, kind, status; an overtaken confirmation SENT or CANCELLED)",
                fleet, """
                select recipient, kind, case when status in ('SENT', 'CANCELLED') and (kind = 'CONFIRMATION'
                        and split_part(split_part(recipient, '@', 1), '-', 3)::int % 10 in ({canceled})
                        or kind = 'NO_SHOW' and split_part(split_part(recipient, '@', 1), '-', 3)::int % 10 = {cleared})
                        then 'SENT or CANCELLED' else status end
                from email_jobs where recipient like ? order by recipient, kind""".replace("{canceled}", CANCELED_AFTER_BOOKING)
                        .replace("{cleared}", Integer.toString(NO_SHOW_CLEARED)),
                "email", ordered, shuffled);
        var smtp = new TreeMap<String, List<String>>();
        long repeated = 0;
        for (String tag : List.of(ordered, shuffled)) {
            var messages = fleet.ledger().messagesById(to -> to.contains("-" + tag + "-")).values();
            repeated += messages.stream().filter(copies -> copies.size() > 1).count();
            smtp.put(tag, messages.stream()
                    .filter(copies -> !isOvertakable(copies.get(0)))
                    .map(copies -> Ledger.to(copies.get(0)).replace(tag, "*") + " " + Ledger.subject(copies.get(0))
                            + " ×" + copies.size())
                    .sorted().toList());
        }
        outcomes.add(Outcome.check(NAME, injected, "no Message-ID received twice", repeated + " repeated",
                repeated == 0));
        outcomes.add(Outcome.check(NAME, injected, "SMTP messages (recipient, subject, copies per Message-ID) identical,"
                        + " but for confirmations and apologies a cancel or a clear may overtake",
                smtp.get(ordered).size() + " vs " + smtp.get(shuffled).size() + " messages"
                        + (smtp.get(ordered).equals(smtp.get(shuffled)) ? "" : "; in order " + smtp.get(ordered)
                        + " shuffled " + smtp.get(shuffled)),
                !smtp.get(ordered).isEmpty() && smtp.get(ordered).equals(smtp.get(shuffled))));
        return outcomes;
    }

    /** The invitees (number mod 10) whose booking the workload cancels: once as a cancel, once as a reschedule. */
    private static final String CANCELED_AFTER_BOOKING = "1, 2";
    /** The invitees (number mod 10) whose no-show the workload marks and clears. */
    private static final int NO_SHOW_CLEARED = 5;

    private static boolean isOvertakable(jakarta.mail.internet.MimeMessage message) {
        String local = Ledger.to(message).split("@")[0];
        int number = Integer.parseInt(local.substring(local.lastIndexOf('-') + 1));
        return Ledger.subject(message).startsWith("Your consultation is confirmed")
                && List.of(CANCELED_AFTER_BOOKING.split(", ")).contains(Integer.toString(number % 10))
                || Ledger.subject(message).startsWith("Sorry we missed you") && number % 10 == NO_SHOW_CLEARED;
    }

    private static void compare(List<Outcome> outcomes, String injected, String what, FaultFleet fleet, String query,
                                String database, String ordered, String shuffled) {
        List<String> inOrder = masked(fleet, database, query, ordered);
        List<String> disordered = masked(fleet, database, query, shuffled);
        outcomes.add(Outcome.check(NAME, injected, what + " identical", inOrder.size() + " vs " + disordered.size()
                        + " rows" + (inOrder.equals(disordered) ? "" : "; in order " + inOrder + " shuffled " + disordered),
                !inOrder.isEmpty() && inOrder.equals(disordered)));
    }

    private static List<String> masked(FaultFleet fleet, String database, String query, String tag) {
        return fleet.ledger().sql(database, query, "%" + tag + "%").stream()
                .map(row -> String.join(" ", row).replace(tag, "*")).toList();
    }

    private static void deliver(FaultFleet fleet, byte[] body) {
        int status = fleet.deliver(FaultFleet.STUDIO, body);
        if (status != 202) {
            throw new IllegalStateException("a valid delivery was answered " + status);
        }
    }

    /** Per group: a create; a create and cancel; a reschedule (3 deliveries); a no-show marked; marked and cleared. */
    private static List<byte[]> workload(String tag, Instant base, int groups) {
        List<byte[]> deliveries = new ArrayList<>();
        for (int group = 0; group < groups; group++) {
            int n = group * 10;
            deliveries.add(Deliveries.created(invitee(tag, n, base)));
            ObjectNode canceled = invitee(tag, n + 1, base);
            deliveries.add(Deliveries.created(canceled));
            deliveries.add(Deliveries.canceled(canceled, 10));
            ObjectNode old = invitee(tag, n + 2, base);
            deliveries.add(Deliveries.created(old));
            byte[][] reschedule = Deliveries.rescheduled(old, invitee(tag, n + 3, base), 20);
            deliveries.add(reschedule[0]);
            deliveries.add(reschedule[1]);
            ObjectNode noShow = invitee(tag, n + 4, base);
            deliveries.add(Deliveries.created(noShow));
            deliveries.add(Deliveries.noShow(noShow, true, 30));
            ObjectNode cleared = invitee(tag, n + 5, base);
            deliveries.add(Deliveries.created(cleared));
            deliveries.add(Deliveries.noShow(cleared, true, 30));
            deliveries.add(Deliveries.noShow(cleared, false, 40));
        }
        return deliveries;
    }

    private static ObjectNode invitee(String tag, int number, Instant base) {
        return Deliveries.invitee(tag, number, "dup-" + tag + "-" + number + "@example.org", base);
    }
}
