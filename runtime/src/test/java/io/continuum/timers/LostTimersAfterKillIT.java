package io.continuum.timers;

import io.continuum.support.PackagedApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault itself: the node dies (SIGKILL) after a hand-off and a Resolution committed their processes and before the
 * jobs service stored their timers. The first node's timer requests go to an address that accepts them and never
 * answers, so they are in flight when it is killed; the node started again finds both timers missing and schedules
 * them.
 */
class LostTimersAfterKillIT {

    private static final int PORT = 18086;
    private static final String DB = System.getProperty("continuum.it.db", "continuum_it") + "_lost_timers";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;
    private static final Path WORK_DIR = Path.of("target", "it-lost-timers");
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();
    private static ServerSocket unanswering;

    @BeforeAll
    static void start() throws SQLException, IOException {
        unanswering = new ServerSocket(0);
        Thread accepting = new Thread(() -> {
            while (!unanswering.isClosed()) {
                try {
                    HELD.add(unanswering.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "unanswering-jobs-service");
        accepting.setDaemon(true);
        accepting.start();
        new PackagedApp(PORT, DB, WORK_DIR, Map.of()).freshDatabase();
        RestAssured.port = PORT;
    }

    @AfterAll
    static void stopUnanswering() throws IOException {
        unanswering.close();
        for (Socket socket : HELD) {
            socket.close();
        }
    }

    private PackagedApp running;

    @AfterEach
    void stopApp() throws InterruptedException {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    void timersWhoseRequestsDiedWithTheNodeAreScheduledByTheNextOne() throws Exception {
        running = new PackagedApp(PORT, DB, WORK_DIR, Map.of("continuum.demo-data", "false",
                "kogito.jobs-service.url", "http://localhost:" + unanswering.getLocalPort()));
        running.start("requests-held");
        String handedOff = receive("handed-off", "Hello, I would like to talk to a person about my invoice please");
        String handoff = await().atMost(Duration.ofSeconds(60))
                .until(() -> text("SELECT process_instance_id FROM handoff WHERE conversation_id = CAST(? AS uuid)", handedOff),
                        id -> id != null);
        String resolutionId = given().auth().preemptive().basic("agent", "agent").contentType(ContentType.JSON)
                .body(Map.of("title", "Invoices fail to render"))
                .when().post("/api/v1/conversations/{id}/resolution",
                        receive("resolution", "The invoice page fails with InvoiceRenderException since this morning"))
                .then().statusCode(201).extract().path("id");
        String resolution = text("SELECT process_instance_id FROM resolution WHERE id = CAST(? AS uuid)", resolutionId);
        await().atMost(Duration.ofSeconds(10)).until(() -> HELD.size() >= 2);
        assertThat(timerOf(handoff)).as("the hand-off's timer request is held, not stored").isNull();
        assertThat(timerOf(resolution)).as("the Resolution's timer request is held, not stored").isNull();

        running.kill();
        running = new PackagedApp(PORT, DB, WORK_DIR, Map.of("continuum.demo-data", "false",
                "continuum.lost-timers.check-every", "5s"));
        running.start("after-kill");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> timerOf(handoff) != null && timerOf(resolution) != null);
        Instant nextUpdate = instant("SELECT next_update_due_at FROM resolution WHERE id = CAST(? AS uuid)", resolutionId);
        assertThat(Duration.between(nextUpdate, timerOf(resolution)).abs()).as("the update falls due when it was due")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(timerOf(handoff)).as("the first response falls due after the hand-off")
                .isAfter(instant("SELECT created_at FROM handoff WHERE process_instance_id = ?", handoff));
        assertThat(running.log("after-kill")).contains("Scheduled again");
        assertThat(text("SELECT CAST(count(*) AS text) FROM job_details WHERE recipient -> 'headers' ->> 'processInstanceId' = ?",
                handoff)).as("one timer").isEqualTo("1");
    }

    /** @return the conversation the message went to */
    private static String receive(String sender, String content) {
        return given().auth().preemptive().basic("api", "api").contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "externalId", "lost-timers-" + sender,
                        "from", Map.of("email", "lost-timers-" + sender + "@example.com"), "content", content,
                        "attachments", List.of()))
                .when().post("/api/v1/messages").then().statusCode(202).extract().path("conversationId");
    }

    /** When the jobs service will fire the process instance's timer; null when it holds none. */
    private static Instant timerOf(String processInstanceId) throws SQLException {
        return instant("SELECT fire_time FROM job_details WHERE recipient -> 'headers' ->> 'processInstanceId' = ?",
                processInstanceId);
    }

    private static String text(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            var result = statement.executeQuery();
            return result.next() ? result.getString(1) : null;
        }
    }

    private static Instant instant(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            var result = statement.executeQuery();
            return result.next() && result.getTimestamp(1) != null ? result.getTimestamp(1).toInstant() : null;
        }
    }
}
