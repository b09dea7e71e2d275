package io.continuum.sla;

import io.continuum.support.PackagedApp;
import io.continuum.support.SlaPolicies;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged application twice against one PostgreSQL database: a supervisor publishes a
 * short SLA policy live, a new conversation gets its targets, its warning fires before a shutdown,
 * and its breach, due while the platform was down, fires once after the restart; neither repeats.
 */
class SlaClocksAcrossRestartIT {

    private static final int PORT = 18081;
    private static final String DB = System.getProperty("continuum.it.db", "continuum_it");
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;
    private static final PackagedApp APP = new PackagedApp(PORT, DB, Path.of("target", "it-sla-app"),
            Map.of("continuum.demo-data", "false"));
    /** An SLA drill: answer within 20 seconds, warned at a quarter of it. */
    private static final String TWENTY_SECOND_POLICY = SlaPolicies.flat("drill", "PT20S", "PT20S", "PT1H", "PT1H", 0.25);

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
    void warningBeforeAndBreachAfterARestartEachFireOnce() throws Exception {
        APP.start("first");
        int version = as("supervisor").contentType(ContentType.TEXT).body(TWENTY_SECOND_POLICY)
                .post("/api/v1/policies/sla-policy/versions").then().statusCode(201).extract().path("version");
        as("supervisor").post("/api/v1/policies/sla-policy/versions/{v}/publish", version).then().statusCode(200);

        String conversationId = as("api").body(Map.of("channel", "email", "externalId", "<sla-it-" + UUID.randomUUID() + ">",
                        "from", Map.of("email", "sla-it-" + UUID.randomUUID() + "@example.com"),
                        "content", "I need to talk to a person about my invoice", "attachments", List.of(),
                        "receivedAt", Instant.now().toString()))
                .post("/api/v1/messages").then().statusCode(202).extract().path("conversationId");
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId).getString("sla.firstResponseDueAt") != null);
        JsonPath view = conversation(conversationId);
        Instant due = Instant.parse(view.getString("sla.firstResponseDueAt"));
        assertThat(Duration.between(Instant.parse(view.getString("createdAt")), due))
                .as("the live-published policy reached the new conversation").isEqualTo(Duration.ofSeconds(20));

        await().atMost(Duration.ofSeconds(20)).until(() -> fired("sla.warning", conversationId) == 1);
        assertThat(fired("sla.breached", conversationId)).isZero();
        APP.stop();

        await().atMost(Duration.ofSeconds(40)).until(() -> Instant.now().isAfter(due.plusSeconds(3)));
        APP.start("second");
        await().atMost(Duration.ofSeconds(60)).until(() -> fired("sla.breached", conversationId) == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                fired("sla.warning", conversationId) == 1 && fired("sla.breached", conversationId) == 1);
        assertThat(conversation(conversationId).getBoolean("sla.breached")).isTrue();
    }

    private static long fired(String topic, String conversationId) throws SQLException {
        return SlaPolicies.firstResponseEvents(JDBC, topic, conversationId);
    }

    private static JsonPath conversation(String id) {
        return as("agent").get("/api/v1/conversations/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }

}
