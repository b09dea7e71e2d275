package io.continuum.firstcontact;

import io.continuum.conversation.ConversationTimeline;
import io.continuum.platform.AdvisoryLocks;
import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A node's classifier loads beside the start: a first load that fails (here the examples' table is not there, as on a
 * database still being restored) is tried again until it succeeds, and whatever waits for the classifier gets it then;
 * a node stopping meanwhile gives the load up instead of waiting forever.
 */
@QuarkusTest
class IntentClassifierFirstLoadTest {

    @Inject
    EntityManager entityManager;

    @Inject
    AdvisoryLocks locks;

    @Inject
    Clock clock;

    @Inject
    SentenceEmbeddings embeddings;

    @Inject
    LearningReport learning;

    @Inject
    ConversationTimeline timeline;

    @Inject
    IntentExamples running;

    private boolean tableAway;
    private final AtomicInteger failedLoads = new AtomicInteger();
    /** Counts the failed attempts the load logs: the one thing that tells a retry from a first attempt running late. */
    private final Handler failures = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().startsWith("Loading the intent classifier failed")) {
                failedLoads.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(IntentExamples.class.getName()).addHandler(failures);
    }

    private void moveTheExamplesAway() {
        alter("ALTER TABLE intent_example RENAME TO intent_example_away");
        tableAway = true;
    }

    private void bringTheExamplesBack() {
        alter("ALTER TABLE intent_example_away RENAME TO intent_example");
        tableAway = false;
    }

    private void alter(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }

    @AfterEach
    void restore() {
        Logger.getLogger(IntentExamples.class.getName()).removeHandler(failures);
        if (tableAway) {
            bringTheExamplesBack();
        }
    }

    /** A second classifier of this node's examples, loaded as the node loads its own at start. */
    private IntentExamples startLoading() {
        IntentExamples examples = new IntentExamples(locks, clock, embeddings, learning, timeline);
        examples.start();
        return examples;
    }

    @Test
    void aFirstLoadThatFailsIsTriedAgainAndTheWaitingCallerGetsTheClassifier() {
        int examplesOfTheNode = running.classifier().size();
        moveTheExamplesAway();
        IntentExamples examples = startLoading();
        CompletableFuture<IntentClassifier> waiting = CompletableFuture.supplyAsync(examples::classifier);
        await().atMost(Duration.ofSeconds(30)).until(() -> failedLoads.get() > 0);
        assertThat(waiting).isNotDone();

        bringTheExamplesBack();

        await().atMost(Duration.ofSeconds(30)).until(waiting::isDone);
        assertThat(waiting.join().size()).isEqualTo(examplesOfTheNode);
        assertThat(waiting.join().classify("my card was charged twice for the same order").intent())
                .isEqualTo(running.classifier().classify("my card was charged twice for the same order").intent());
        examples.onStop(null);
    }

    @Test
    void aNodeThatStopsWhileTheLoadFailsGivesItUp() {
        moveTheExamplesAway();
        IntentExamples examples = startLoading();
        CompletableFuture<IntentClassifier> waiting = CompletableFuture.supplyAsync(examples::classifier);
        await().atMost(Duration.ofSeconds(30)).until(() -> failedLoads.get() > 0);

        examples.onStop(null);

        await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(CancellationException.class);
    }
}
