package io.continuum.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stop waits for the round another thread is running, and no round starts after it. */
class RelayRoundsTest {

    @Test
    void aStopWaitsForTheRoundInProgressOnAnotherThreadThenRefusesNewRounds() throws Exception {
        RelayRounds rounds = new RelayRounds();
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch finishRound = new CountDownLatch(1);
        Thread sweep = new Thread(() -> {
            assertThat(rounds.enter()).isTrue();
            try {
                inRound.countDown();
                finishRound.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                rounds.exit();
            }
        }, "sweep");
        sweep.start();
        assertThat(inRound.await(10, TimeUnit.SECONDS)).isTrue();

        Thread[] stopping = new Thread[1];
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> {
            stopping[0] = Thread.currentThread();
            try {
                return rounds.closeAndAwait(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> stopping[0] != null
                && stopping[0].getState() == Thread.State.TIMED_WAITING);
        assertThat(stopped).as("the stop waits while the sweep's round runs").isNotDone();

        finishRound.countDown();
        assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(rounds.enter()).as("no round starts after the stop").isFalse();
    }

    @Test
    void aStopGivesUpAfterItsPatienceWhenARoundDoesNotEnd() throws Exception {
        RelayRounds rounds = new RelayRounds();
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch finishRound = new CountDownLatch(1);
        Thread stuck = new Thread(() -> {
            rounds.enter();
            inRound.countDown();
            try {
                finishRound.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                rounds.exit();
            }
        }, "stuck");
        stuck.start();
        assertThat(inRound.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(rounds.closeAndAwait(Duration.ofMillis(50))).isFalse();
        finishRound.countDown();
        stuck.join(10_000);
    }
}
