package io.quillspace.faults;

import io.quillspace.infra.FleetService;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Scenario 3: every database connection is dropped (what a PostgreSQL restart does to them) and new ones are refused
 * for 60 s, while deliveries flow and the APIs are read. Consumers must pause and resume without skipping or
 * dead-lettering anything; the APIs must answer 503 problem+json, promptly, rather than hang.
 */
final class DatabaseOutage implements Scenario {

    static final String NAME = "3 database outage";
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Outcome> run(FaultFleet fleet) throws Exception {
        String tag = "d" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Map<String, Long> deadBefore = fleet.ledger().deadLetterCounts();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        Instant base = Instant.now();
        fleet.database().refuseConnections(true).dropOpenConnections();
        long ends = System.nanoTime() + OUTAGE.toNanos();
        int sent = 0;
        Map<FleetService, String> reads = Map.of(FleetService.BOOKING, "/consultations", FleetService.PROJECT,
                "/projects", FleetService.EMAIL, "/email-jobs");
        while (System.nanoTime() < ends) {
            String email = "dbout-" + tag + "-" + sent + "@example.org";
            if (fleet.deliver(FaultFleet.STUDIO, Deliveries.created(Deliveries.invitee(tag, sent, email, base))) == 202) {
                accepted.add(email);
            }
            sent++;
            for (var read : reads.entrySet()) {
                long started = System.nanoTime();
                String answer;
                try {
                    HttpResponse<String> response = fleet.call(read.getKey(), "GET", read.getValue(),
                            FaultFleet.admin(FaultFleet.STUDIO), null);
                    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    boolean problem = response.headers().firstValue("Content-Type").orElse("")
                            .startsWith("application/problem+json");
                    answer = response.statusCode() + (problem ? " problem+json" : " "
                            + response.headers().firstValue("Content-Type").orElse("-"))
                            + (response.headers().firstValue("Retry-After").isPresent() ? " Retry-After" : "")
                            + (millis > PROMPT.toMillis() ? " slow" : "");
                } catch (RuntimeException e) {
                    answer = "no answer";
                }
                answers.add(read.getValue() + " " + answer);
            }
            Thread.sleep(1_000);
        }
        fleet.database().refuseConnections(false);
        Journeys.awaitQuiet(fleet, Duration.ofMinutes(3));

        Map<String, Long> tally = new TreeMap<>();
        answers.forEach(answer -> tally.merge(answer, 1L, Long::sum));
        long bookings = fleet.ledger().count("booking",
                "select count(*) from consultation_bookings where invitee_uri like ?", "%/invitees/INV" + tag + "%");
        long confirmations = fleet.ledger().messagesById(to -> to.startsWith("dbout-" + tag + "-")).size();
        Map<String, Long> deadAfter = fleet.ledger().deadLetterCounts();
        String injected = "all database connections dropped, new ones refused for " + OUTAGE.toSeconds() + " s; "
                + sent + " deliveries at 1/s; each API read every second";
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(Outcome.check(NAME, injected, "API reads answered 503 problem+json with Retry-After within "
                + PROMPT.toSeconds() + " s, never a hang", tally,
                tally.keySet().stream().allMatch(answer -> answer.endsWith("503 problem+json Retry-After"))));
        outcomes.add(Outcome.check(NAME, injected, "every accepted delivery booked and confirmed once after the outage",
                accepted.size() + " of " + sent + " accepted, " + bookings + " bookings, " + confirmations
                        + " confirmations", bookings == accepted.size() && confirmations == bookings));
        outcomes.add(Outcome.check(NAME, injected, "nothing dead-lettered", "DLQs before " + deadBefore + ", after "
                + deadAfter, deadBefore.equals(deadAfter)));
        outcomes.add(Outcome.check(NAME, injected, "lag back to 0", fleet.ledger().lag(), fleet.ledger().lag() == 0));
        return outcomes;
    }
}
