package io.continuum.platform;

import io.continuum.problem.ConcurrentUpdate;
import io.quarkus.narayana.jta.QuarkusTransaction;

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

    /** Runs the work in a new transaction, again (up to five times in all) when another writer got there first. */
    public static <T> T inNewTransaction(Supplier<T> work) {
        return inNewTransaction(work, ConcurrentUpdate::causes);
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
