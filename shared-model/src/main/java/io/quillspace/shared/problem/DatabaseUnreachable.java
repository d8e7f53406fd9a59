package io.quillspace.shared.problem;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure that means "the database cannot be reached right now" (retry later: 503) from everything else, in
 * the shapes the reactive PostgreSQL client and Hibernate Reactive really raise:
 * <ul>
 * <li>a refused or failed connect ({@link ConnectException}, Netty's {@code AnnotatedConnectException} among them);</li>
 * <li>a pooled connection that died while in use ({@link ClosedConnectionException}) or was found closed
 * ("Connection is not active now");</li>
 * <li>no connection from the pool within its acquire timeout ("Timeout", see {@code PromptPool}): the database
 * does not answer, or every connection is busy; either way, retry later;</li>
 * <li>PostgreSQL's own refusals and goodbyes: SQLSTATE class 08 (connection exception), 57P01 to 57P03 (shutdown,
 * crash, starting up) and 53300 (too many connections).</li>
 * </ul>
 * Constraint violations, data errors and bugs are not: they stay what they are. Wrappers (Hibernate Reactive's,
 * Mutiny's {@link CompositeException}) are looked through.
 */
public final class DatabaseUnreachable {

    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnreachable() {
    }

    public static boolean in(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable cause = pending.pop();
            if (!seen.add(cause)) {
                continue;
            }
            if (isUnreachable(cause)) {
                return true;
            }
            if (cause instanceof CompositeException composite) {
                composite.getCauses().forEach(pending::push);
            }
            if (cause.getCause() != null) {
                pending.push(cause.getCause());
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof ClosedConnectionException) {
            return true;
        }
        if (cause instanceof DatabaseException database) {
            String state = database.getSqlState();
            return state != null && (state.startsWith("08") || UNREACHABLE_STATES.contains(state));
        }
        // The SQL client says these two with a message and no type of its own.
        return cause instanceof NoStackTraceThrowable && cause.getMessage() != null
                && (cause.getMessage().startsWith("Connection is not active now") || cause.getMessage().equals("Timeout"));
    }
}
