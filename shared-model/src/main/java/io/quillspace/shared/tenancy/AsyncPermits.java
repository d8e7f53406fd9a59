package io.quillspace.shared.tenancy;

import io.smallrye.mutiny.Uni;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code permits} pieces of asynchronous work at once; the others wait in arrival order, and no thread ever
 * blocks. Work starts on its caller's Vert.x context (a reactive session may only be used from the context that owns
 * it), and its permit is freed when it ends, however it ends.
 */
public final class AsyncPermits {

    private static final int WAITING = 0;
    private static final int HELD = 1;
    private static final int GONE = 2;

    private final int permits;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int taken;

    public AsyncPermits(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, not " + permits);
        }
        this.permits = permits;
    }

    /** Runs {@code work} once a permit is free; the permit is held until the work's item, failure or cancellation. */
    public <T> Uni<T> withPermit(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            // WAITING -> HELD when the permit is handed over, -> GONE when the caller ends first (a cancelled waiter
            // keeps its place and passes the permit on when it comes), so no permit is lost to a race between the two.
            AtomicInteger state = new AtomicInteger(WAITING);
            Uni<Void> granted = Uni.createFrom().emitter(emitter -> acquire(() -> {
                if (state.compareAndSet(WAITING, HELD)) {
                    emitter.complete(null);
                } else {
                    release();
                }
            }));
            return TenantTransactions.resumeOnCallerContext(granted)
                    .chain(ignored -> work.get())
                    .eventually(() -> {
                        if (state.getAndSet(GONE) == HELD) {
                            release();
                        }
                    });
        });
    }

    /** Permits in use now (for tests and gauges). */
    public synchronized int inUse() {
        return taken;
    }

    private void acquire(Runnable grant) {
        synchronized (this) {
            if (taken >= permits) {
                waiting.add(grant);
                return;
            }
            taken++;
        }
        grant.run();
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                taken--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
