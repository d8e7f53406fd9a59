package io.quillspace.shared.messaging;

import io.quillspace.shared.events.MalformedEventException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier(Set.of("processed_delivery"));

    @Test
    void unprocessableAndMalformedRecordsArePermanent() {
        assertTrue(classifier.isPermanent(new UnprocessableEventException("no start_time")));
        assertTrue(classifier.isPermanent(new RuntimeException(new MalformedEventException("not json", null))));
    }

    @Test
    void dataErrorsAndConstraintViolationsArePermanent() {
        assertTrue(classifier.isPermanent(wrapped(pg("22P02", null))), "invalid text representation");
        assertTrue(classifier.isPermanent(wrapped(pg("23502", null))), "not-null violation, e.g. a null tenant");
        assertTrue(classifier.isPermanent(wrapped(pg("23503", "bookings_user_in_tenant"))), "foreign key");
    }

    @Test
    void aDuplicateHittingADedupeKeyIsRetriedSoTheRetryFindsIt() {
        assertFalse(classifier.isPermanent(wrapped(pg("23505", "processed_delivery"))));
        assertTrue(classifier.isPermanent(wrapped(pg("23505", "some_other_key"))));
    }

    @Test
    void lostConnectionsLocksAndPrivilegesAreTransient() {
        assertFalse(classifier.isPermanent(new ConnectException("Connection refused")));
        assertFalse(classifier.isPermanent(wrapped(pg("57P01", null))), "admin shutdown");
        assertFalse(classifier.isPermanent(wrapped(pg("55P03", null))), "lock not available");
        assertFalse(classifier.isPermanent(wrapped(pg("40001", null))), "serialization failure");
        assertFalse(classifier.isPermanent(wrapped(pg("42501", null))), "permission denied: an operator fixes grants");
        assertFalse(classifier.isPermanent(new IllegalStateException("Connection is not active now")));
    }

    /** Every shape of "database unreachable" the APIs answer 503 for pauses a consumer instead of dead-lettering. */
    @Test
    void whatTheApisAnswer503ForIsTransient() {
        assertFalse(classifier.isPermanent(ClosedConnectionException.INSTANCE));
        assertFalse(classifier.isPermanent(new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
        assertFalse(classifier.isPermanent(new CompositeException(ClosedConnectionException.INSTANCE,
                new ConnectException("Connection refused"))));
        assertFalse(classifier.isPermanent(wrapped(pg("57P03", null))), "the database system is starting up");
        assertFalse(classifier.isPermanent(wrapped(pg("53300", null))), "too many connections");
    }

    @Test
    void errorsThatMeanTheRecordBrokeTheCodeArePermanent() {
        assertTrue(classifier.isPermanent(new NullPointerException()));
        assertTrue(classifier.isPermanent(new IllegalArgumentException("bad uuid")));
    }

    private static PgException pg(String sqlState, String constraint) {
        return new PgException("failure " + sqlState, "ERROR", sqlState, null, null, null, null, null, null, null, null,
                null, null, null, null, null, constraint);
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("HR000: wrapped", cause);
    }
}
