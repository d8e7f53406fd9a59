package io.quillspace.ingress;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs a reactive service call as the scheduler does (on a safe duplicated Vert.x context) and waits for it. */
final class OnVertx {

    private OnVertx() {
    }

    static <T> T await(Vertx vertx, Supplier<Uni<T>> work, Duration timeout) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
