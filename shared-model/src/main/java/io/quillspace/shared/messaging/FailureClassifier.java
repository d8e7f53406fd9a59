package io.quillspace.shared.messaging;

import io.quillspace.shared.events.MalformedEventException;
import io.vertx.pgclient.PgException;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.Set;

/**
 * Tells a record that can never be applied (dead-letter it now) from a failure that time heals (retry it). Permanent:
 * a malformed or unprocessable record, a data error (SQLSTATE class 22), a constraint violation (class 23) other than
 * the consumer's deduplication keys, and the runtime exceptions that mean this record's data broke the code. Everything
 * else, above all lost connections, refused logins, lock and statement timeouts, is transient.
 *
 * @param dedupeConstraints unique constraints that a concurrent duplicate may violate; a retry then finds the duplicate
 */
public record FailureClassifier(Set<String> dedupeConstraints) {

    public FailureClassifier {
        dedupeConstraints = Set.copyOf(dedupeConstraints);
    }

    public boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnprocessableEventException || cause instanceof MalformedEventException
                    || cause instanceof NullPointerException || cause instanceof IllegalArgumentException
                    || cause instanceof ClassCastException || cause instanceof DateTimeException) {
                return true;
            }
            if (cause instanceof PgException pg) {
                return isPermanent(pg.getSqlState(), pg.getConstraint());
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return isPermanent(sql.getSQLState(), constraintOf(failure));
            }
        }
        return false;
    }

    private boolean isPermanent(String sqlState, String constraint) {
        if (sqlState == null) {
            return false;
        }
        if (sqlState.startsWith("22")) {
            return true;
        }
        return sqlState.startsWith("23") && (constraint == null || !dedupeConstraints.contains(constraint));
    }

    private static String constraintOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
                return violation.getConstraintName();
            }
        }
        return null;
    }
}
