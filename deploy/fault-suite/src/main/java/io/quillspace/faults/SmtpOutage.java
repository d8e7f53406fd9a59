package io.quillspace.faults;

import io.quillspace.infra.FleetService;
import io.quillspace.infra.ServicePorts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 4: the SMTP server refuses connections for 60 s while bookings arrive, then takes a second per message.
 * Each email job must be delivered exactly once (one message per Message-ID), and no attempt may be used up while
 * the server was unreachable. Two email-service instances share the jobs, as two pods would, so a claim one of them
 * holds must keep the other from sending the same job.
 */
final class SmtpOutage implements Scenario {

    static final String NAME = "4 SMTP down, then slow";
    private static final Duration DOWN = Duration.ofSeconds(60);
    private static final int BOOKINGS = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Outcome> run(FaultFleet fleet) throws Exception {
        try (var second = fleet.fleet().startReplica(FleetService.EMAIL, ServicePorts.free(), Duration.ofMinutes(3))) {
            return outageWithTwoInstances(fleet);
        }
    }

    private List<Outcome> outageWithTwoInstances(FaultFleet fleet) throws Exception {
        String tag = "m" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Instant base = Instant.now();
        fleet.smtp().refuseConnections(true).dropOpenConnections();
        long ends = System.nanoTime() + DOWN.toNanos();
        for (int i = 0; i < BOOKINGS; i++) {
            fleet.deliver(FaultFleet.STUDIO, Deliveries.created(Deliveries.invitee(tag, i,
                    "smtp-" + tag + "-" + i + "@example.org", base)));
        }
        while (System.nanoTime() < ends) {
            Thread.sleep(500);
        }
        List<List<String>> duringOutage = fleet.ledger().sql("email", "select status || ' attempts ' || attempts,"
                + " count(*) from email_jobs where recipient like ? group by 1 order by 1", "smtp-" + tag + "-%");
        fleet.smtp().refuseConnections(false).delayPerMessage(Duration.ofSeconds(1));
        for (int i = BOOKINGS; i < BOOKINGS + 10; i++) {
            fleet.deliver(FaultFleet.STUDIO, Deliveries.created(Deliveries.invitee(tag, i,
                    "smtp-" + tag + "-" + i + "@example.org", base)));
        }
        try {
            // Jobs the outage put back wait out their retry delay, so "nothing due" is not yet "all sent".
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> fleet.ledger()
                    .count("email", "select count(*) from email_jobs where recipient like ? and kind = 'CONFIRMATION'"
                            + " and status = 'PENDING'", "smtp-" + tag + "-%") == 0);
            Journeys.awaitQuiet(fleet, Duration.ofMinutes(1));
        } finally {
            fleet.smtp().refuseConnections(false).delayPerMessage(Duration.ZERO);
        }
        var messages = fleet.ledger().messagesById(to -> to.startsWith("smtp-" + tag + "-"));
        long repeats = messages.values().stream().mapToLong(copies -> copies.size() - 1).sum();
        long sent = fleet.ledger().count("email", "select count(*) from email_jobs where recipient like ?"
                + " and status = 'SENT'", "smtp-" + tag + "-%");
        String injected = "two email-service instances; SMTP refused " + DOWN.toSeconds() + " s with " + BOOKINGS
                + " bookings, then 1 s per message with 10 more";
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(Outcome.check(NAME, injected, "each job delivered exactly once: one message per Message-ID, "
                        + (BOOKINGS + 10) + " jobs SENT",
                messages.size() + " Message-IDs, " + repeats + " repeats, " + sent + " jobs SENT",
                messages.size() == BOOKINGS + 10 && repeats == 0 && sent == BOOKINGS + 10));
        outcomes.add(Outcome.check(NAME, injected, "no attempts used up while unreachable (jobs still PENDING, attempts 0)",
                "at the end of the outage: " + duringOutage, duringOutage.stream()
                        .allMatch(row -> row.get(0).equals("PENDING attempts 0"))));
        return outcomes;
    }
}
