package io.continuum.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.meta.HubSignature;
import io.continuum.support.OwnPostgres;
import io.continuum.support.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 30-second database outage under load: the packaged application runs on a PostgreSQL cluster this test
 * owns while messages arrive steadily through the message API and the WhatsApp webhook. With PostgreSQL
 * stopped, every answer is a prompt 503 problem JSON with Retry-After (never a 500, never a hang), and
 * nothing is half-written. When PostgreSQL is back the platform recovers by itself: new messages are
 * accepted and triaged, the SLA scheduler fires a warning that falls due, the outbox drains, and every
 * message, acknowledged before or after the outage or sent again after a 503, is stored exactly once.
 */
class DatabaseOutageIT {

    private static final int PORT = 18084;
    private static final String DB = System.getProperty("continuum.it.db", "continuum_it") + "_outage";
    private static final String APP_SECRET = "outage-app-secret";
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** Longest a request may take, outage or not: a client waiting longer would take it for a hang. */
    private static final Duration REQUEST_BOUND = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OwnPostgres postgres;
    private static PackagedApp app;

    private final String run = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    /** What each external id was sent as, so a message answered 503 can be sent again unchanged. */
    private final Map<String, HttpRequest> sent = new ConcurrentHashMap<>();

    /** One answer the platform gave (status -1: no answer within the bound). */
    private record Answer(String externalId, Instant sentAt, Instant answeredAt, int status, String contentType,
                          String retryAfter) {
        boolean accepted() {
            return status == 200 || status == 202;
        }
    }

    @BeforeAll
    static void platformOnItsOwnDatabase() throws Exception {
        postgres = new OwnPostgres(Path.of("target", "it-outage-postgres"));
        postgres.initAndStart();
        app = new PackagedApp(PORT, postgres.server(), DB, Path.of("target", "it-outage-app"),
                Map.of("continuum.demo-data", "false", "continuum.whatsapp.app-secret", APP_SECRET));
        app.freshDatabase();
        app.start("outage");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (postgres != null) {
            postgres.stopIfRunning();
        }
    }

    private HttpRequest apiMessage(int n) throws IOException {
        String id = run + "-api-" + n;
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", "email");
        message.put("externalId", id);
        message.put("from", Map.of("email", run + "-" + (n % 10) + "@example.com"));
        message.put("content", "My invoice " + n + " was charged twice, please refund it");
        message.put("attachments", List.of());
        String auth = "Basic " + Base64.getEncoder().encodeToString("api:api".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/api/v1/messages"))
                .timeout(REQUEST_BOUND).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message))).build();
        sent.put(id, request);
        return request;
    }

    private HttpRequest webhookMessage(int n) throws IOException {
        String id = run + "-wa-" + n;
        String waId = "3531555" + String.format("%04d", Math.abs(run.hashCode() % 1000) * 10 + n % 10);
        Map<String, Object> value = Map.of("messaging_product", "whatsapp",
                "metadata", Map.of("display_phone_number", "15550783881", "phone_number_id", "106540352242922"),
                "contacts", List.of(Map.of("wa_id", waId, "profile", Map.of("name", "Outage customer " + n % 10))),
                "messages", List.of(Map.of("from", waId, "id", id, "timestamp", Long.toString(Instant.now().getEpochSecond()),
                        "type", "text", "text", Map.of("body", "The app crashes when I pay, attempt " + n))));
        byte[] body = JSON.writeValueAsBytes(Map.of("object", "whatsapp_business_account",
                "entry", List.of(Map.of("id", "102290129340398", "changes", List.of(Map.of("field", "messages", "value", value))))));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/webhooks/whatsapp"))
                .timeout(REQUEST_BOUND).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", HubSignature.sign(APP_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        sent.put(id, request);
        return request;
    }

    private interface RequestMaker {
        HttpRequest make(int n) throws IOException;
    }

    /**
     * Sends one new message after another through one entrance, a steady 20 a second at most, recording every
     * answer; the external id is {@code <run>-<entrance>-<n>}.
     */
    private ScheduledExecutorService sender(String entrance, RequestMaker maker) {
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "outage-" + entrance));
        AtomicInteger next = new AtomicInteger();
        load.scheduleWithFixedDelay(() -> {
            int n = next.getAndIncrement();
            try {
                answers.add(send(run + "-" + entrance + "-" + n, maker.make(n)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        return load;
    }

    private Answer send(String externalId, HttpRequest request) {
        Instant sentAt = Instant.now();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(externalId, sentAt, Instant.now(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (HttpTimeoutException hang) {
            return new Answer(externalId, sentAt, Instant.now(), -1, "", null);
        } catch (IOException refused) {
            // the application itself must stay up and answer throughout: a refused connection is a failure too
            return new Answer(externalId, sentAt, Instant.now(), -2, "", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(externalId, sentAt, Instant.now(), -3, "", null);
        }
    }

    private long acceptedSince(Instant since, String entrance) {
        return answers.stream().filter(a -> a.accepted() && a.sentAt().isAfter(since) && a.externalId().contains("-" + entrance + "-"))
                .count();
    }

    private long count(String sql) throws SQLException {
        return count(sql, run + "-%");
    }

    /** A count over the database; the parameter, if the query has one, binds to its first placeholder. */
    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DB), "postgres", "postgres");
             var statement = connection.prepareStatement(sql)) {
            if (sql.contains("?")) {
                statement.setString(1, parameter);
            }
            var result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }
    }

    /** Moves the warning of one running SLA clock of this run to a second ago; returns the clock's id. */
    private String pullOneWarningDue() throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DB), "postgres", "postgres");
             var statement = connection.prepareStatement("""
                     UPDATE sla_clock SET warn_at = now() - interval '1 second', next_fire_at = now() - interval '1 second'
                     WHERE id = (SELECT k.id FROM sla_clock k JOIN message m ON m.conversation_id = k.conversation_id
                                 WHERE m.external_id LIKE ? AND k.status = 'running' AND k.warned_at IS NULL
                                   AND k.due_at > now() + interval '1 minute'
                                 LIMIT 1)
                     RETURNING id::text""")) {
            statement.setString(1, run + "-%");
            var result = statement.executeQuery();
            assertThat(result.next()).as("a running SLA clock of this run").isTrue();
            return result.getString(1);
        }
    }

    private int readiness() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/q/health/ready"))
                    .timeout(REQUEST_BOUND).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithNothingLostOrDoneTwice() throws Exception {
        Instant start = Instant.now();
        List<ScheduledExecutorService> senders = List.of(sender("api", this::apiMessage), sender("wa", this::webhookMessage));
        await().atMost(Duration.ofSeconds(90)).until(() -> acceptedSince(start, "api") >= 10 && acceptedSince(start, "wa") >= 10);

        postgres.stop();
        Instant down = Instant.now();
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
        // the outage lasts until the load has gone on being answered for all of it: a hang never gets there
        await().atMost(OUTAGE.plus(REQUEST_BOUND).plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> answers.stream().anyMatch(answer -> !answer.sentAt().isBefore(down.plus(OUTAGE))));
        Instant backUp = Instant.now();
        postgres.start();

        await().atMost(Duration.ofSeconds(120)).until(() -> acceptedSince(backUp, "api") >= 10 && acceptedSince(backUp, "wa") >= 10);
        for (ScheduledExecutorService sender : senders) {
            sender.shutdown();
            assertThat(sender.awaitTermination(REQUEST_BOUND.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
        assertThat(readiness()).as("ready again").isEqualTo(200);

        List<Answer> duringOutage = answers.stream()
                .filter(a -> a.sentAt().isAfter(down) && a.answeredAt().isBefore(backUp)).toList();
        System.out.printf("[figures] database outage %ds: %d answers during it, %d in all, %d accepted%n",
                OUTAGE.toSeconds(), duringOutage.size(), answers.size(), answers.stream().filter(Answer::accepted).count());
        assertThat(duringOutage).as("requests were answered during the outage").hasSizeGreaterThan(20);
        assertThat(duringOutage).as("every answer during the outage is 503 problem JSON with Retry-After")
                .allSatisfy(answer -> {
                    assertThat(answer.status()).as("status of %s", answer.externalId()).isEqualTo(503);
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                    assertThat(answer.retryAfter()).isNotBlank();
                });
        assertThat(answers).as("every answer, before, during and after: accepted or 503, within %s", REQUEST_BOUND)
                .allSatisfy(answer -> assertThat(answer.status()).as("status of %s", answer.externalId()).isIn(200, 202, 503));

        // a client told 503 sends the same message again once the database is back: it is stored now, once
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        for (Answer answer : refused) {
            Answer again = send(answer.externalId(), sent.get(answer.externalId()));
            assertThat(again.status()).as("%s sent again after the outage", answer.externalId()).isIn(200, 202);
        }

        // the SLA scheduler runs again: a clock of this run whose warning falls due now has it fired
        String clock = pullOneWarningDue();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM sla_clock WHERE warned_at IS NOT NULL AND id::text = ?", clock) == 1);

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0
                        && count("SELECT count(*) FROM conversation c WHERE c.triaged_at IS NULL AND EXISTS (SELECT 1 FROM message m "
                        + "WHERE m.conversation_id = c.id AND m.external_id LIKE ?)") == 0);

        long distinctSent = answers.stream().map(Answer::externalId).distinct().count();
        assertThat(count("SELECT count(*) FROM message WHERE external_id LIKE ?"))
                .as("every message sent is stored exactly once (acknowledged, or sent again after a 503)").isEqualTo(distinctSent);
        assertThat(count("SELECT count(DISTINCT external_id) FROM message WHERE external_id LIKE ?")).isEqualTo(distinctSent);
        assertThat(count("SELECT count(*) FROM message m WHERE m.external_id LIKE ? AND (SELECT count(*) FROM outbox_event e "
                + "WHERE e.topic = 'message.received' AND e.payload->>'messageId' = m.id::text) <> 1"))
                .as("nothing half-written: every stored message has its conversation event, once").isZero();
        assertThat(count("SELECT count(*) FROM outbox_consumer_failure WHERE dead_at IS NOT NULL"))
                .as("no event became a dead letter over the outage").isZero();
        assertThat(count("SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE topic = 'message.classified' "
                + "GROUP BY payload->>'messageId' HAVING count(*) > 1) twice"))
                .as("no message classified twice").isZero();
    }
}
