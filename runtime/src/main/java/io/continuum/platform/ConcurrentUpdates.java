package io.continuum.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.util.function.Supplier;

/**
 * Transactions whose optimistic version check can fail because another node or thread changed the same row
 * at the same moment, where that is expected: the work starts again in a new transaction, which reads what
 * the other one committed.
 */
public final class ConcurrentUpdates {

    private static final int ATTEMPTS = 5;

    private ConcurrentUpdates() {
    }

    /** Whether a version check failed somewhere in this error's causes. */
    public static boolean causedBy(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** Runs the work in a new transaction, again (up to five times) when another writer got there first. */
    public static <T> T inNewTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !causedBy(e)) {
                    throw e;
                }
            }
        }
    }
}
