package io.quillspace.faults;

import io.quillspace.infra.FleetService;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 1: while distinct bookings flow in at a steady rate, each chosen service is killed with SIGKILL in turn and
 * started again. The sender retries what was not accepted (202), as Calendly does. Afterwards: one booking per invitee
 * accepted, one confirmation Message-ID per booking, at most one repeat of a Message-ID per crash of email-service,
 * and no lag.
 */
final class Crash implements Scenario {

    static final String NAME = "1 crash";

    private final List<FleetService> victims;
    private final int perSecond;
    private final Duration load;

    Crash(List<FleetService> victims, int perSecond, Duration load) {
        this.victims = victims;
        this.perSecond = perSecond;
        this.load = load;
    }

    @Override
    public String name() {
        return NAME + " " + victims.stream().map(FleetService::module).toList();
    }

    @Override
    public List<Outcome> run(FaultFleet fleet) throws Exception {
        String tag = "c" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        Instant base = Instant.now();
        int total = (int) (perSecond * load.toSeconds());
        long started = System.nanoTime();
        long crashEvery = load.toNanos() / (victims.size() + 1);
        int nextVictim = 0;
        List<String> crashes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread restarting = null;
        for (int i = 0; i < total; i++) {
            long due = started + i * 1_000_000_000L / perSecond;
            while (System.nanoTime() < due) {
                Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
            }
            if (nextVictim < victims.size() && System.nanoTime() - started >= (nextVictim + 1) * crashEvery) {
                if (restarting != null) {
                    restarting.join();
                }
                restarting = restartAfterKill(fleet, victims.get(nextVictim++), crashes);
            }
            int number = i;
            String email = "crash-" + tag + "-" + number + "@example.org";
            senders.execute(() -> {
                byte[] body = Deliveries.created(Deliveries.invitee(tag, number, email, base));
                long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (System.nanoTime() < giveUp) {
                    try {
                        if (fleet.deliver(FaultFleet.STUDIO, body) == 202) {
                            accepted.add(email);
                            return;
                        }
                    } catch (RuntimeException e) {
                        // webhook-ingress is down: Calendly retries, so do we.
                    }
                    refused.incrementAndGet();
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        if (restarting != null) {
            restarting.join();
        }
        senders.shutdown();
        senders.awaitTermination(4, TimeUnit.MINUTES);
        Journeys.awaitQuiet(fleet, Duration.ofMinutes(3));

        Ledger ledger = fleet.ledger();
        long bookings = ledger.count("booking", "select count(*) from consultation_bookings where invitee_uri like ?",
                "%/invitees/INV" + tag + "%");
        Map<String, List<jakarta.mail.internet.MimeMessage>> confirmations =
                ledger.messagesById(to -> to.startsWith("crash-" + tag + "-"));
        long recipients = confirmations.values().stream().map(messages -> Ledger.to(messages.get(0))).distinct().count();
        long repeats = confirmations.values().stream().mapToLong(messages -> messages.size() - 1).sum();
        long emailCrashes = victims.stream().filter(victim -> victim == FleetService.EMAIL).count();
        String injected = String.join("; ", crashes) + " during " + total + " deliveries at " + perSecond + "/s ("
                + refused.get() + " refused or unanswered, retried)";
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(Outcome.check(name(), injected, "bookings = distinct invitees accepted (" + accepted.size() + " of "
                + total + ")", bookings + " bookings", accepted.size() == total && bookings == total));
        outcomes.add(Outcome.check(name(), injected, "one confirmation Message-ID per booking, sent to its invitee",
                confirmations.size() + " Message-IDs to " + recipients + " invitees",
                confirmations.size() == bookings && recipients == bookings));
        outcomes.add(Outcome.check(name(), injected, "≤ " + emailCrashes + " repeated Message-ID (one per email-service crash)",
                repeats + " repeats", repeats <= emailCrashes));
        outcomes.add(Outcome.check(name(), injected, "consumer lag back to 0", ledger.lag() + " records", ledger.lag() == 0));
        return outcomes;
    }

    /** SIGKILL, then the service's restart as its pod's would be, beside the load; notes what happened in {@code crashes}. */
    private static Thread restartAfterKill(FaultFleet fleet, FleetService victim, List<String> crashes)
            throws InterruptedException {
        fleet.fleet().kill(victim);
        long killed = System.nanoTime();
        Thread restart = new Thread(() -> {
            try {
                fleet.fleet().restart(victim, Duration.ofMinutes(2));
                crashes.add("kill -9 " + victim.module() + " (ready again after "
                        + Duration.ofNanos(System.nanoTime() - killed).toSeconds() + " s)");
            } catch (java.io.IOException | RuntimeException e) {
                crashes.add("kill -9 " + victim.module() + ", restart failed: " + e.getMessage());
            }
        }, "restart-" + victim.module());
        restart.start();
        return restart;
    }
}
