package io.quillspace.shared.problem;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnreachableTest {

    /**
     * The shape the pool raised in DatabaseOutageApiTest while the proxy refused connections: Netty's (private)
     * AnnotatedConnectException, a ConnectException naming the address, caused by the JDK's ConnectException.
     */
    private static Throwable refused() {
        ConnectException annotated = new ConnectException("Connection refused: /127.0.0.1:5432");
        annotated.initCause(new ConnectException("Connection refused"));
        return annotated;
    }

    @Test
    void aRefusedConnectionIsUnreachable() {
        assertTrue(DatabaseUnreachable.in(refused()));
    }

    @Test
    void aConnectionLostInUseOrFoundClosedIsUnreachable() {
        assertTrue(DatabaseUnreachable.in(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseUnreachable.in(new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
    }

    @Test
    void noPooledConnectionWithinTheAcquireTimeoutIsUnreachable() {
        assertTrue(DatabaseUnreachable.in(new NoStackTraceThrowable("Timeout")));
    }

    @Test
    void postgresqlShuttingDownStartingOrFullIsUnreachable() {
        assertTrue(DatabaseUnreachable.in(pg("57P01")), "terminating connection due to administrator command");
        assertTrue(DatabaseUnreachable.in(pg("57P03")), "the database system is starting up");
        assertTrue(DatabaseUnreachable.in(pg("08006")), "connection failure");
        assertTrue(DatabaseUnreachable.in(pg("53300")), "too many connections");
    }

    @Test
    void wrappersAreLookedThrough() {
        assertTrue(DatabaseUnreachable.in(new HibernateException("HR000: could not open a session", refused())));
        assertTrue(DatabaseUnreachable.in(new CompositeException(new IllegalStateException("rollback failed"),
                ClosedConnectionException.INSTANCE)));
    }

    @Test
    void constraintViolationsDataErrorsAndBugsAreNot() {
        assertFalse(DatabaseUnreachable.in(pg("23505")), "unique violation");
        assertFalse(DatabaseUnreachable.in(pg("22P02")), "invalid text representation");
        assertFalse(DatabaseUnreachable.in(pg("42501")), "permission denied");
        assertFalse(DatabaseUnreachable.in(new NullPointerException()));
        assertFalse(DatabaseUnreachable.in(new NoStackTraceThrowable("some other failure")));
        assertFalse(DatabaseUnreachable.in(new HibernateException("HR000: wrapped", pg("23503"))));
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertFalse(DatabaseUnreachable.in(first));
    }

    private static PgException pg(String sqlState) {
        return new PgException("failure " + sqlState, "FATAL", sqlState, null);
    }
}
