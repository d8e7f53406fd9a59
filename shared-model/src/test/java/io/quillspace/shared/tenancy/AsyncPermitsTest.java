package io.quillspace.shared.tenancy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class AsyncPermitsTest {

    private final Vertx vertx = Vertx.vertx();
    private final AsyncPermits permits = new AsyncPermits(2);
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<String>> finishes = new ArrayList<>();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void noMoreThanThePermitsRunAtOnceAndTheRestStartInArrivalOrder() {
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(submit("work-" + i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
        assertEquals(List.of("work-0", "work-1"), started);
        assertEquals(2, permits.inUse());

        finishes.get(1).complete("done-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 3);
        assertEquals("work-2", started.get(2));
        assertEquals("done-1", results.get(1).join());

        finishes.get(0).completeExceptionally(new IllegalStateException("broker gone"));
        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 4);
        finishes.get(2).complete("done-2");
        finishes.get(3).complete("done-3");
        await().atMost(Duration.ofSeconds(5)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
        assertEquals(0, permits.inUse(), "a failed piece of work frees its permit too");
    }

    @Test
    void aCallerThatGivesUpWhileWaitingPassesItsPermitOnWhenItComes() {
        submit("first");
        submit("second");
        Cancellable waiting = onContext(() -> permits.withPermit(() -> {
            started.add("cancelled");
            return Uni.createFrom().item("never");
        }).subscribe().with(item -> { }));
        CompletableFuture<String> last = submit("last");
        waiting.cancel();

        finishes.get(0).complete("done");
        await().atMost(Duration.ofSeconds(5)).until(() -> started.contains("last"));
        assertEquals(List.of("first", "second", "last"), started);
        finishes.get(1).complete("done");
        finishes.get(2).complete("done");
        await().atMost(Duration.ofSeconds(5)).until(last::isDone);
        assertEquals(0, permits.inUse());
    }

    @Test
    void workStartsOnItsCallersContextEvenWhenAnotherCallersEndFreesThePermit() throws Exception {
        Context first = vertx.getOrCreateContext();
        Context second = vertx.getOrCreateContext();
        CompletableFuture<String> holding = new CompletableFuture<>();
        CompletableFuture<Context> ranOn = new CompletableFuture<>();
        AsyncPermits one = new AsyncPermits(1);
        first.runOnContext(ignored -> one.withPermit(() -> Uni.createFrom().completionStage(holding))
                .subscribe().with(item -> { }));
        second.runOnContext(ignored -> one.withPermit(() -> {
            ranOn.complete(Vertx.currentContext());
            return Uni.createFrom().item("second");
        }).subscribe().with(item -> { }));
        first.runOnContext(ignored -> holding.complete("first"));
        assertSame(second, ranOn.get(5, TimeUnit.SECONDS));
    }

    private CompletableFuture<String> submit(String name) {
        CompletableFuture<String> finish = new CompletableFuture<>();
        finishes.add(finish);
        CompletableFuture<String> result = new CompletableFuture<>();
        onContext(() -> permits.withPermit(() -> {
            started.add(name);
            return Uni.createFrom().completionStage(finish);
        }).subscribe().with(result::complete, result::completeExceptionally));
        return result;
    }

    private Cancellable onContext(java.util.function.Supplier<Cancellable> subscription) {
        CompletableFuture<Cancellable> subscribed = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> subscribed.complete(subscription.get()));
        return subscribed.join();
    }
}
