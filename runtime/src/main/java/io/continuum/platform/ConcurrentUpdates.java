package io.continuum.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.LockAcquisitionException;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Transactions that can lose a race with another node or thread changing the same rows at the same moment, where
 * that is expected: the work starts again in a new transaction, which reads what the other one committed.
 */
public final class ConcurrentUpdates {

    private static final int ATTEMPTS = 5;

    private ConcurrentUpdates() {
    }

    /**
     * Whether this error's causes hold a lost race: an optimistic version check failed, or the database ended this
     * transaction to break a deadlock or a serialization conflict.
     */
    public static boolean causedBy(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException
                    || cause instanceof LockAcquisitionException) {
                return true;
            }
            if (cause instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the work in a new transaction, again (up to five times in all) when another writer got there first. */
    public static <T> T inNewTransaction(Supplier<T> work) {
        return inNewTransaction(work, ConcurrentUpdates::causedBy);
    }

    /** Likewise, where {@code lostRace} also knows the work's own races (a unique key another writer took first). */
    public static <T> T inNewTransaction(Supplier<T> work, Predicate<Throwable> lostRace) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !lostRace.test(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Waits a few milliseconds before another attempt, longer after each, jittered: two writers that met once, or a
     * writer and one busy with the same row back to back, do not meet again at once.
     */
    public static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << Math.min(attempt, 6)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before another attempt", interrupted);
        }
    }
}
