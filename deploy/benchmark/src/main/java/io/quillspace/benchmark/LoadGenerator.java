package io.quillspace.benchmark;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * HTTP load from one Vert.x event loop over a fixed pool of keep-alive connections, in two shapes: saturation (a
 * fixed number of requests in flight, for throughput) and constant rate (requests started on a fixed schedule;
 * latency counted from the scheduled start, so time spent waiting for a connection or behind a stall is charged to
 * every request it delays: no coordinated omission). One event loop thread keeps the generator's own CPU small next
 * to the service's on a shared machine.
 */
final class LoadGenerator implements AutoCloseable {

    /** One kind of request: where it goes, its headers (computed per request, e.g. a fresh signature) and body. */
    record Target(URI uri, Supplier<MultiMap> headers, Buffer body) {
    }

    record Result(long requests, long failures, double throughputPerSecond, Histogram latencyMicros) {
        double p50Millis() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }
    }

    private static final long TICK_MILLIS = 1;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClient client;

    LoadGenerator(int connections) {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                        .setConnectTimeout(5_000).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    /** Keeps {@code inFlight} requests outstanding for {@code duration}; a status other than 202 is a failure. */
    Result saturate(Target target, int inFlight, Duration duration) {
        Run run = new Run(target);
        CompletableFuture<Result> done = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            long end = run.start + duration.toNanos();
            int[] outstanding = {inFlight};
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (System.nanoTime() >= end) {
                    if (--outstanding[0] == 0) {
                        done.complete(run.result(run.completed));
                    }
                    return;
                }
                run.send(System.nanoTime()).onComplete(finished -> next[0].run());
            };
            for (int i = 0; i < inFlight; i++) {
                next[0].run();
            }
        });
        return done.join();
    }

    /** Starts {@code ratePerSecond} requests per second on schedule for {@code duration}, then waits for all. */
    Result constantRate(Target target, double ratePerSecond, Duration duration) {
        Run run = new Run(target);
        long total = (long) (ratePerSecond * duration.toSeconds());
        double intervalNanos = 1e9 / ratePerSecond;
        CompletableFuture<Result> done = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            long[] started = {0};
            vertx.setPeriodic(TICK_MILLIS, timer -> {
                long now = System.nanoTime();
                // Every request whose scheduled time has passed starts now and is timed from its schedule.
                while (started[0] < total && run.start + (long) (started[0] * intervalNanos) <= now) {
                    long scheduled = run.start + (long) (started[0]++ * intervalNanos);
                    run.send(scheduled).onComplete(finished -> {
                        if (run.completed == total) {
                            done.complete(run.result(total));
                        }
                    });
                }
                if (started[0] == total) {
                    vertx.cancelTimer(timer);
                }
            });
        });
        return done.join();
    }

    /** The state of one measurement; touched only on the generator's event loop. */
    private final class Run {
        final Target target;
        final Histogram latencyMicros = new Histogram(120_000_000L, 3);
        final long start = System.nanoTime();
        long completed;
        long failures;

        Run(Target target) {
            this.target = target;
        }

        Future<Void> send(long scheduledNanos) {
            Promise<Void> finished = Promise.promise();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.uri().toString())
                    .setHeaders(target.headers().get());
            client.request(options)
                    .compose(request -> request.send(target.body()))
                    .compose(response -> response.body().map(body -> response.statusCode()))
                    .onComplete(status -> {
                        latencyMicros.recordValue(Math.max(1, (System.nanoTime() - scheduledNanos) / 1000));
                        completed++;
                        if (status.failed() || status.result() != 202) {
                            failures++;
                        }
                        finished.complete();
                    });
            return finished.future();
        }

        Result result(long requests) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(requests, failures, requests / seconds, latencyMicros);
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
