package io.continuum.access;

import io.continuum.platform.OrderlyStop;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop waits for the answers to the requests that schedule process timers: against a jobs service that holds its
 * answers, the wait ends only once each request was answered or failed.
 */
class TimerRequestsInFlightTest {

    private Vertx vertx;
    private HttpServer jobsService;
    private final CopyOnWriteArrayList<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    private final TimerRequestsInFlight inFlight = new TimerRequestsInFlight();
    private WebClient client;

    @BeforeEach
    void jobsServiceThatHoldsItsAnswers() throws Exception {
        vertx = Vertx.vertx();
        jobsService = vertx.createHttpServer().requestHandler(held::add).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        client = inFlight.track(WebClient.create(vertx));
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void schedule() {
        client.post(jobsService.actualPort(), "127.0.0.1", "/v2/jobs").sendJson("{\"id\":\"timer\"}");
    }

    @Test
    void theWaitEndsWhenEveryRequestHasItsAnswer() throws InterruptedException {
        schedule();
        schedule();
        await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == 2);

        assertThat(inFlight.awaitAnswered(Duration.ZERO)).as("two requests without an answer").isFalse();
        held.get(0).response().setStatusCode(200).end();
        await().atMost(Duration.ofSeconds(30)).until(() -> held.get(0).response().ended());
        assertThat(inFlight.awaitAnswered(Duration.ofMillis(50))).as("one request still without an answer").isFalse();

        held.get(1).response().setStatusCode(200).end();

        assertThat(inFlight.awaitAnswered(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aRequestThatFailsIsNoLongerWaitedFor() throws InterruptedException {
        schedule();
        await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == 1);

        held.get(0).connection().close();

        assertThat(inFlight.awaitAnswered(Duration.ofSeconds(30))).isTrue();
    }

    /**
     * The stop's budget is shared with the waits before this one (the outbox relay's above all): once they spent it,
     * the stop goes on without the answers instead of waiting ten seconds more past the orchestrator's grace period.
     */
    @Test
    void aStopWhoseBudgetIsSpentDoesNotWaitForTheAnswers() throws Exception {
        schedule();
        await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == 1);
        OrderlyStop.StopRequested spent = new OrderlyStop.StopRequested("TERM", System.nanoTime() - 1);

        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
            try {
                inFlight.onStopRequested(spent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        // a wait of its own ten seconds would still be waiting here
        stop.get(5, TimeUnit.SECONDS);
        assertThat(held.get(0).response().ended()).as("the request is still without its answer").isFalse();
    }

    @Test
    void nothingSentIsNothingToWaitFor() throws InterruptedException {
        assertThat(inFlight.awaitAnswered(Duration.ZERO)).isTrue();
    }
}
