package io.continuum.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a request that failed because the database could not be reached (stopped, restarting,
 * the pool unable to hand out a connection in time): a retry can succeed, so the answer is 503 with
 * Retry-After instead of a 500, and the caller (a client, a channel's webhook redelivery) tries again.
 */
public final class DatabaseUnavailable {

    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof ConnectException || cause instanceof SQLTransientConnectionException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or starting
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            String message = cause.getMessage();
            // Agroal's pool: no connection could be acquired within the acquisition timeout
            if (cause instanceof SQLException && message != null && message.contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    static Problem problem() {
        return Problem.of(503, "database-unavailable", "Service Unavailable",
                "The database cannot be reached right now. Try again in "
                        + RETRY_AFTER_SECONDS + " seconds");
    }
}
