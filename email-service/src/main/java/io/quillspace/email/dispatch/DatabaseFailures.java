package io.quillspace.email.dispatch;

/** Tells a failure of the database (transient: the job is tried again) from one of the work itself. */
final class DatabaseFailures {

    private static final String[] DATABASE_PACKAGES = {"io.vertx.pgclient.", "io.vertx.sqlclient.", "org.hibernate.",
            "jakarta.persistence."};

    private DatabaseFailures() {
    }

    static boolean isDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String type = cause.getClass().getName();
            for (String database : DATABASE_PACKAGES) {
                if (type.startsWith(database)) {
                    return true;
                }
            }
        }
        return false;
    }
}
