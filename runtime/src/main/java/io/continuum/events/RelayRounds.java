package io.continuum.events;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The relay's rounds in progress on this node, whichever thread runs them (the after-commit worker or the
 * scheduler's sweep), so that a stop waits for them: a round cut off by the datasource closing under it fails a
 * consumer half way through an event (rolled back, delivered again at the next start, but logged as a failure of
 * that consumer). Once closed, no round starts again.
 */
final class RelayRounds {

    private final ReentrantReadWriteLock rounds = new ReentrantReadWriteLock();

    /** @return false once closed: the caller must not start a round */
    boolean enter() {
        return rounds.readLock().tryLock();
    }

    void exit() {
        rounds.readLock().unlock();
    }

    /**
     * Refuses new rounds and waits for the rounds in progress to end (they stop between two events once the relay
     * is stopping).
     * @return false if a round was still running after {@code patience}
     */
    boolean closeAndAwait(Duration patience) throws InterruptedException {
        return rounds.writeLock().tryLock(patience.toMillis(), TimeUnit.MILLISECONDS);
    }
}
