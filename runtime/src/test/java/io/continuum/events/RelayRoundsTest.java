package io.continuum.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stop waits for the round another thread is running, and no round starts after it. */
class RelayRoundsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aStopWaitsForTheRoundInProgressOnAnotherThreadThenRefusesNewRounds() {
        RelayRounds rounds = new RelayRounds();
        CountDownLatch finish = new CountDownLatch(1);
        roundOnAnotherThread(rounds, finish);

        AtomicReference<Thread> stopping = new AtomicReference<>();
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> {
            stopping.set(Thread.currentThread());
            try {
                return rounds.closeAndAwait(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(WAIT).until(() -> stopping.get() != null && stopping.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(stopped).as("the stop waits while the other thread's round runs").isNotDone();

        finish.countDown();
        await().atMost(WAIT).until(stopped::isDone);
        assertThat(stopped.join()).as("the round ended within the stop's patience").isTrue();
        assertThat(rounds.enter()).as("no round starts after the stop").isFalse();
    }

    @Test
    void aStopGivesUpWhenARoundDoesNotEndWithinItsPatience() throws InterruptedException {
        RelayRounds rounds = new RelayRounds();
        CountDownLatch finish = new CountDownLatch(1);
        Thread round = roundOnAnotherThread(rounds, finish);

        assertThat(rounds.closeAndAwait(Duration.ZERO)).isFalse();

        finish.countDown();
        await().atMost(WAIT).until(() -> !round.isAlive());
    }

    /** Starts a round on a thread of its own, held open until {@code finish}; returns once the round has started. */
    private static Thread roundOnAnotherThread(RelayRounds rounds, CountDownLatch finish) {
        AtomicBoolean entered = new AtomicBoolean();
        Thread round = new Thread(() -> {
            if (!rounds.enter()) {
                return;
            }
            entered.set(true);
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                rounds.exit();
            }
        }, "relay-round");
        round.start();
        await().atMost(WAIT).untilTrue(entered);
        return round;
    }
}
