package io.quillspace.benchmark;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * HTTP load in two shapes: saturation (a fixed number of requests in flight, for throughput) and constant rate
 * (requests started on a fixed schedule; latency counted from the scheduled start, so a stall is charged to every
 * request it delays: no coordinated omission).
 */
final class LoadGenerator {

    record Result(long requests, long failures, double throughputPerSecond, Histogram latencyMicros) {
        double p50Millis() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Keeps {@code inFlight} requests outstanding for {@code duration}; a status other than 202 is a failure. */
    Result saturate(Supplier<HttpRequest> request, int inFlight, Duration duration) throws InterruptedException {
        Histogram histogram = new Histogram(60_000_000L, 3);
        AtomicLong failures = new AtomicLong();
        AtomicLong done = new AtomicLong();
        Semaphore slots = new Semaphore(inFlight);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            slots.acquire();
            long sent = System.nanoTime();
            client.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                record(histogram, sent, response, error, failures);
                done.incrementAndGet();
                slots.release();
            });
        }
        slots.acquire(inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(done.get(), failures.get(), done.get() / seconds, histogram);
    }

    /** Starts {@code ratePerSecond} requests per second on schedule for {@code duration}. */
    Result constantRate(Supplier<HttpRequest> request, double ratePerSecond, Duration duration) {
        Histogram histogram = new Histogram(60_000_000L, 3);
        AtomicLong failures = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
        long intervalNanos = (long) (1e9 / ratePerSecond);
        long start = System.nanoTime();
        long count = (long) (ratePerSecond * duration.toSeconds());
        for (long i = 0; i < count; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending.add(client.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> record(histogram, scheduled, response, error, failures)));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(count, failures.get(), count / seconds, histogram);
    }

    private static void record(Histogram histogram, long startNanos, HttpResponse<?> response, Throwable error,
                               AtomicLong failures) {
        synchronized (histogram) {
            histogram.recordValue(Math.max(1, (System.nanoTime() - startNanos) / 1000));
        }
        if (error != null || response.statusCode() != 202) {
            failures.incrementAndGet();
        }
    }

    static HttpRequest post(URI uri, byte[] body, String signature) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            builder.header("Calendly-Webhook-Signature", signature);
        }
        return builder.build();
    }
}
