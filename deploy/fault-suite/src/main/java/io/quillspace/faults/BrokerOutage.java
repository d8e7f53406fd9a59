package io.quillspace.faults;

import io.quillspace.infra.FleetService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 2: the broker stops for 30 s while Calendly deliveries arrive and 25 studios submit briefs (each an outbox
 * write). The ingress answers 503, never a 202 it cannot keep; a sender retrying the 503s ends with everything applied;
 * the APIs keep answering reads and outbox writes and stay ready; lag returns to 0 within twice the outage.
 */
final class BrokerOutage implements Scenario {

    static final String NAME = "2 broker outage";
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Outcome> run(FaultFleet fleet) throws Exception {
        String tag = "b" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Map<String, String> bookings = new TreeMap<>();
        for (int i = 1; i <= FaultFleet.MORE_STUDIOS; i++) {
            String studio = FaultFleet.studio(i);
            bookings.put(studio, Journeys.book(fleet, studio, tag, i, "outage-" + tag + "-" + i + "@example.org"));
        }
        Journeys.awaitQuiet(fleet, Duration.ofSeconds(90));

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger otherAnswers = new AtomicInteger();
        ConcurrentLinkedQueue<String> apiFailures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> apiMillis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> notReady = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(12);
        Instant base = Instant.now();
        long outageStarts = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long loadEnds = outageStarts + OUTAGE.toNanos() + Duration.ofSeconds(5).toNanos();
        AtomicInteger sent = new AtomicInteger();
        // Deliveries at 5/s, each retried every second until accepted, as Calendly does.
        Thread deliveries = new Thread(() -> {
            while (System.nanoTime() < loadEnds) {
                int number = 100 + sent.getAndIncrement();
                String email = "outage-" + tag + "-" + number + "@example.org";
                load.execute(() -> {
                    byte[] body = Deliveries.created(Deliveries.invitee(tag + "d", number, email, base));
                    while (true) {
                        int status;
                        try {
                            status = fleet.deliver(FaultFleet.STUDIO, body);
                        } catch (RuntimeException e) {
                            status = -1;
                        }
                        if (status == 202) {
                            accepted.add(email);
                            return;
                        }
                        (status == 503 ? unavailable : otherAnswers).incrementAndGet();
                        pause(Duration.ofSeconds(1));
                    }
                });
                pause(Duration.ofMillis(200));
            }
        });
        // Every second: a read on each API, a brief from each of the 25 studios, and each API's readiness.
        Thread apis = new Thread(() -> {
            HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() < loadEnds) {
                for (var read : Map.of(FleetService.BOOKING, "/consultations", FleetService.PROJECT, "/projects",
                        FleetService.EMAIL, "/email-jobs").entrySet()) {
                    timed(apiMillis, apiFailures, "GET " + read.getValue(), () -> fleet.call(read.getKey(), "GET",
                            read.getValue(), FaultFleet.admin(FaultFleet.STUDIO), null), 200);
                }
                bookings.forEach((studio, booking) -> load.execute(() -> timed(apiMillis, apiFailures,
                        "PUT brief " + studio, () -> fleet.call(FleetService.BOOKING, "PUT", "/consultations/" + booking
                                + "/brief", FaultFleet.client(studio, email(tag, studio)),
                                revisedBrief(email(tag, studio))), 200)));
                for (FleetService service : List.of(FleetService.BOOKING, FleetService.EMAIL, FleetService.PROJECT)) {
                    URI ready = fleet.fleet().managementUrl(service, "/q/health/ready");
                    try {
                        int status = probe.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            notReady.add(service.module() + " " + status);
                        }
                    } catch (Exception e) {
                        notReady.add(service.module() + " no answer in 5 s");
                    }
                }
                pause(Duration.ofSeconds(1));
            }
        });
        deliveries.start();
        apis.start();
        while (System.nanoTime() < outageStarts) {
            pause(Duration.ofMillis(100));
        }
        fleet.infrastructure().kafka().stop();
        pause(OUTAGE);
        fleet.infrastructure().kafka().restart();
        long restarted = System.nanoTime();
        deliveries.join();
        apis.join();
        load.shutdown();
        load.awaitTermination(3, TimeUnit.MINUTES);
        boolean caughtUp;
        try {
            await().atMost(OUTAGE.multipliedBy(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> fleet.ledger().lag() == 0 && fleet.ledger().outboxBacklog() == 0);
            caughtUp = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            caughtUp = false;
        }
        long caughtUpSeconds = Duration.ofNanos(System.nanoTime() - restarted).toSeconds();
        // Counted from the broker's restart, not from the end of the load that followed it.
        caughtUp = caughtUp && caughtUpSeconds <= OUTAGE.multipliedBy(2).toSeconds();
        Journeys.awaitQuiet(fleet, Duration.ofMinutes(2));

        String injected = "broker stopped " + OUTAGE.toSeconds() + " s; " + sent.get() + " deliveries at 5/s, briefs of "
                + bookings.size() + " studios each second";
        long applied = fleet.ledger().count("booking", "select count(*) from consultation_bookings where invitee_uri like ?",
                "%/invitees/INV" + tag + "d%");
        List<Long> millis = apiMillis.stream().sorted().toList();
        long p99 = millis.isEmpty() ? -1 : millis.get((int) Math.min(millis.size() - 1, Math.ceil(millis.size() * 0.99) - 1));
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(Outcome.check(NAME, injected, "ingress answers 503 during the outage, nothing else but 202",
                unavailable.get() + " × 503, " + otherAnswers.get() + " other refusals", unavailable.get() > 0
                        && otherAnswers.get() == 0));
        outcomes.add(Outcome.check(NAME, injected, "every delivery, retried until 202, is a booking",
                accepted.size() + " of " + sent.get() + " accepted; " + applied + " bookings",
                accepted.size() == sent.get() && applied == sent.get()));
        outcomes.add(Outcome.check(NAME, injected, "reads and brief writes answered 200 throughout, p99 < 2 s",
                millis.size() + " calls, p99 " + p99 + " ms, failures " + apiFailures.stream().limit(5).toList(),
                apiFailures.isEmpty() && p99 < 2_000));
        outcomes.add(Outcome.check(NAME, injected, "booking, email and project services ready throughout",
                notReady.isEmpty() ? "always ready" : notReady.size() + " not ready: " + notReady.stream().limit(5).toList(),
                notReady.isEmpty()));
        outcomes.add(Outcome.check(NAME, injected, "lag and outbox back to 0 within " + OUTAGE.multipliedBy(2).toSeconds()
                + " s of the restart", caughtUp ? "in " + caughtUpSeconds + " s" : "not within " + caughtUpSeconds + " s",
                caughtUp));
        return outcomes;
    }

    /** A brief that differs from the last one, so each submission is a new version and an event in the outbox. */
    private static Map<String, Object> revisedBrief(String email) {
        Map<String, Object> brief = new java.util.HashMap<>(Journeys.brief(email));
        brief.put("goals", "Revision " + System.nanoTime());
        return brief;
    }

    private static String email(String tag, String studio) {
        return "outage-" + tag + "-" + studio.substring("studio-".length()) + "@example.org";
    }

    private static void timed(ConcurrentLinkedQueue<Long> millis, ConcurrentLinkedQueue<String> failures, String what,
                              java.util.function.Supplier<HttpResponse<String>> call, int expected) {
        long started = System.nanoTime();
        try {
            int status = call.get().statusCode();
            if (status != expected) {
                failures.add(what + " " + status);
            }
        } catch (RuntimeException e) {
            failures.add(what + " " + e.getMessage());
        }
        millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
