package io.continuum.events;

import io.continuum.support.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The short form of bench/faults.sh: the packaged application is killed with SIGKILL under a steady
 * load of inbound messages and started again; every message it acknowledged with 202 is stored once,
 * every conversation is triaged and the outbox drains, with no dead letter.
 */
class KillDuringLoadIT {

    private static final int PORT = 18083;
    private static final String DB = System.getProperty("continuum.it.db", "continuum_it") + "_faults";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;
    private static final PackagedApp APP = new PackagedApp(PORT, DB, Path.of("target", "it-faults-app"),
            Map.of("continuum.demo-data", "false"));

    private final String run = "kill-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);

    @BeforeAll
    static void freshDatabase() throws SQLException, IOException {
        APP.freshDatabase();
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        sending.set(false);
        APP.stop();
    }

    /** Posts messages one after another; an id counts only once the platform answered 202. */
    private void send() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("api:api".getBytes(StandardCharsets.UTF_8));
        for (int n = 0; sending.get(); n++) {
            String id = run + "-" + n;
            String body = "{\"channel\":\"email\",\"externalId\":\"" + id + "\",\"from\":{\"email\":\"" + run + "-" + (n % 10)
                    + "@example.com\"},\"content\":\"My invoice " + n + " was charged twice\",\"attachments\":[]}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/api/v1/messages"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
                    acknowledged.add(id);
                }
            } catch (IOException down) {
                // killed on purpose: a real client tries again a moment later
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A count over the database; {@code runPattern} binds this run's external ids to the first parameter, if any. */
    private long count(String sql, boolean runPattern) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var statement = connection.prepareStatement(sql)) {
            if (runPattern) {
                statement.setString(1, run + "-%");
            }
            var result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void nothingAcknowledgedIsLostOrStoredTwiceAcrossAKill() throws Exception {
        APP.start("before-kill");
        Thread sender = new Thread(this::send, "kill-it-sender");
        sender.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 20);
        APP.kill();
        APP.start("after-kill");
        int before = acknowledged.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 20);
        sending.set(false);
        sender.join(15_000);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL", false) == 0
                        && count("SELECT count(*) FROM conversation c WHERE c.triaged_at IS NULL AND EXISTS (SELECT 1 FROM message m "
                        + "WHERE m.conversation_id = c.id AND m.external_id LIKE ?)", true) == 0);

        long stored = count("SELECT count(DISTINCT external_id) FROM message WHERE external_id LIKE ?", true);
        long rows = count("SELECT count(*) FROM message WHERE external_id LIKE ?", true);
        assertThat(rows).as("no message stored twice").isEqualTo(stored);
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var statement = connection.prepareStatement("SELECT count(*) FROM message WHERE external_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", acknowledged.toArray()));
            var result = statement.executeQuery();
            result.next();
            assertThat(result.getLong(1)).as("every acknowledged message stored").isEqualTo(acknowledged.size());
        }
        assertThat(count("SELECT count(*) FROM outbox_consumer_failure WHERE dead_at IS NOT NULL", false))
                .as("no dead letters").isZero();
        assertThat(count("SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE topic = 'message.classified' "
                + "GROUP BY payload->>'messageId' HAVING count(*) > 1) twice", false))
                .as("no message classified twice").isZero();
    }
}
