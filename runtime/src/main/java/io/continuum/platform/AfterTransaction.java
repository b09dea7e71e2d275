package io.continuum.platform;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must wait for the current transaction's outcome: evicting a cache, deleting files it no longer names. */
public final class AfterTransaction {

    private AfterTransaction() {
    }

    /** Runs {@code work} once the current transaction has committed; never when it rolls back. */
    public static void onCommit(TransactionSynchronizationRegistry transactions, Runnable work) {
        after(transactions, true, work);
    }

    /** Runs {@code work} once the current transaction has rolled back (or failed); never when it commits. */
    public static void onRollback(TransactionSynchronizationRegistry transactions, Runnable work) {
        after(transactions, false, work);
    }

    private static void after(TransactionSynchronizationRegistry transactions, boolean committed, Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if ((status == Status.STATUS_COMMITTED) == committed) {
                    work.run();
                }
            }
        });
    }
}
