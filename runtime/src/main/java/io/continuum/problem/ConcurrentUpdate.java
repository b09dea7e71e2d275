package io.continuum.problem;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.LockAcquisitionException;

import java.sql.SQLException;

/**
 * Recognises work that lost a race with another node or thread changing the same rows at the same moment: an
 * optimistic version check failed, or the database ended the transaction to break a deadlock or a serialization
 * conflict. Done again on fresh state it can succeed, so a request answers 409 (reload and try again), not a 500,
 * and background work starts over ({@code platform.ConcurrentUpdates}).
 */
public final class ConcurrentUpdate {

    private ConcurrentUpdate() {
    }

    public static boolean causes(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException
                    || cause instanceof LockAcquisitionException) {
                return true;
            }
            // SQLSTATE 40001: serialization failure; 40P01: deadlock detected
            if (cause instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static Problem problem() {
        return Problem.of(409, "concurrent-update", "Conflict",
                "Someone else changed this at the same moment; reload it and try again");
    }
}
