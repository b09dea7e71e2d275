package io.continuum.automations;

import io.continuum.support.PackagedApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The 48-hour pending reminder on the packaged application, across a restart: a supervisor switches the shipped
 * example rows on, a conversation waits on the customer, the platform stops, the clock moves 49 hours on (the
 * conversation's entry into its state is moved 49 hours back in the database, what the time pass reads), and after
 * the start the reminder goes out once; started again, with the time pass running every second, it never repeats.
 */
class AutomationsAcrossRestartIT {

    private static final int PORT = 18089;
    private static final String DB = System.getProperty("continuum.it.db", "continuum_it");
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;
    private static final PackagedApp APP = new PackagedApp(PORT, DB, Path.of("target", "it-automations-app"),
            Map.of("continuum.demo-data", "false", "continuum.automations.time-poll-interval", "1s"));

    @BeforeAll
    static void freshDatabase() throws SQLException, IOException {
        APP.freshDatabase();
        RestAssured.port = PORT;
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        APP.stop();
    }

    @Test
    void theFortyEightHourReminderGoesOutOnceAcrossARestartWithTheClockMoved() throws Exception {
        APP.start("first");
        String shipped = Files.readString(Path.of("../decision-tables/automations.dmn"));
        String switchedOn = shipped.replaceAll("(<inputEntry id=\"pending_reminder_48h_i0\"><text>)false", "$1true");
        assertThat(switchedOn).isNotEqualTo(shipped);
        int version = as("analyst").contentType(ContentType.TEXT).body(switchedOn)
                .post("/api/v1/policies/automations/versions?comment=reminder").then().statusCode(201).extract().path("version");
        as("supervisor").post("/api/v1/policies/automations/versions/{v}/publish", version).then().statusCode(200);

        String conversationId = as("api").body(Map.of("channel", "email", "externalId", "<automations-it-" + UUID.randomUUID() + ">",
                        "from", Map.of("email", "pending-" + UUID.randomUUID() + "@example.com", "name", "Pat"),
                        "content", "My order never arrived", "attachments", List.of(), "receivedAt", Instant.now().toString()))
                .post("/api/v1/messages").then().statusCode(202).extract().path("conversationId");
        await().atMost(Duration.ofSeconds(60)).until(() -> conversation(conversationId).getString("intent") != null);
        as("agent").body(Map.of("content", "Could you send us your order number?"))
                .post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> "awaiting_customer".equals(conversation(conversationId).getString("state")));
        // passes run every second meanwhile: a conversation pending for minutes gets no reminder
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> reminders(conversationId) == 0);
        APP.stop();

        movedBack(conversationId, Duration.ofHours(49));
        APP.start("second");
        await().atMost(Duration.ofSeconds(60)).until(() -> reminders(conversationId) == 1);
        assertThat(firings(conversationId)).containsExactly("pending_reminder_48h");
        APP.stop();

        APP.start("third");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> reminders(conversationId) == 1);
        assertThat(firings(conversationId)).containsExactly("pending_reminder_48h");
        assertThat(conversation(conversationId).getString("state")).isEqualTo("awaiting_customer");
    }

    /** The conversation entered its state {@code by} earlier: as if the clock had moved on while the platform was down. */
    private static void movedBack(String conversationId, Duration by) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE conversation_state_change SET changed_at = changed_at - make_interval(hours => ?) WHERE conversation_id = ?")) {
            update.setInt(1, (int) by.toHours());
            update.setObject(2, UUID.fromString(conversationId));
            assertThat(update.executeUpdate()).isPositive();
        }
    }

    /** The automated messages in the conversation's timeline (the reminder is the only row switched on). */
    private static long reminders(String conversationId) {
        return conversation(conversationId).getList("timeline.findAll { it.type == 'message' && it.author == '"
                + AutomationRunner.AUTHOR + "' }").size();
    }

    private static List<String> firings(String conversationId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT row_id FROM automation_firing WHERE conversation_id = ? ORDER BY fired_at")) {
            select.setObject(1, UUID.fromString(conversationId));
            var rows = select.executeQuery();
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static JsonPath conversation(String id) {
        return as("agent").get("/api/v1/conversations/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }
}
