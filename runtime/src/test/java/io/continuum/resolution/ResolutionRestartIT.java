package io.continuum.resolution;

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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged application twice against its own database and stops it in the middle of a
 * Resolution's protocol: the update timer that fell due while the platform was down fires after the
 * restart, the updates keep coming, and no tick is ever sent twice (every proactive update row is
 * one customer message, and the ticks run 1, 2, 3, ... without a gap or a repeat).
 * Without Slack configured (the packaged app runs the prod profile), the same flow works from the API.
 */
class ResolutionRestartIT {

    private static final int PORT = 18288;
    private static final String DB = System.getProperty("continuum.it8.db", "continuum_it8");
    private static final PackagedApp APP = new PackagedApp(PORT, DB, Path.of("target", "it-resolution"),
            Map.of("continuum.demo-data", "false"));

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
    void aRestartInTheMiddleOfTheProtocolLosesNoTimerAndDuplicatesNoUpdate() throws Exception {
        APP.start("first");
        publishUpdateInterval("PT5S");
        String conversationId = as("api").body(message()).when().post("/api/v1/messages")
                .then().statusCode(202).extract().path("conversationId");
        String id = as("agent").body(Map.of("title", "Ledger sync fails", "issueType", "technical"))
                .when().post("/api/v1/conversations/{id}/resolution", conversationId)
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> proactiveTicks(id).size() >= 1);
        APP.stop();

        Instant downUntil = Instant.now().plusSeconds(12);
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(downUntil));
        APP.start("second");
        int ticksBeforeRestart = proactiveTicks(id).size();
        await().atMost(Duration.ofSeconds(60)).until(() -> proactiveTicks(id).size() >= ticksBeforeRestart + 3);

        List<Integer> ticks = proactiveTicks(id);
        assertThat(ticks).containsExactlyElementsOf(IntStream.rangeClosed(1, ticks.size()).boxed().toList());
        List<Map<String, Object>> timeline = as("agent").when().get("/api/v1/conversations/{id}", conversationId)
                .then().statusCode(200).extract().jsonPath().getList("timeline");
        long updateMessages = timeline.stream().filter(e -> "system:resolution".equals(e.get("author"))
                && String.valueOf(e.get("content")).startsWith("Update on case")).count();
        JsonPath resolution = resolution(id);
        int sentTicks = resolution.getList("customerUpdates.findAll { it.kind == 'proactive' }").size();
        assertThat(updateMessages).as("one customer message per tick, none twice").isEqualTo(sentTicks);
        assertThat(timeline.stream().filter(e -> "system:resolution".equals(e.get("author"))
                && String.valueOf(e.get("content")).contains("Your case id is " + resolution.getString("caseRef"))).count())
                .as("acknowledged exactly once").isEqualTo(1);
        assertThat(resolution.getString("swarm.status")).as("no Slack configured").isEqualTo("none");
    }

    private static void publishUpdateInterval(String interval) throws IOException {
        String policy = Files.readString(Path.of("../decision-tables/sla-policy.dmn"))
                .replaceAll("(<outputEntry id=\"r\\d+_o4\"><text>)duration\\(\"[^\"]+\"\\)", "$1duration(\"" + interval + "\")");
        int version = RestAssured.given().auth().preemptive().basic("supervisor", "supervisor").contentType(ContentType.TEXT)
                .body(policy).when().post("/api/v1/policies/sla-policy/versions")
                .then().statusCode(201).extract().path("version");
        as("analyst").when().post("/api/v1/policies/sla-policy/versions/{v}/publish", version).then().statusCode(200);
    }

    private static Map<String, Object> message() {
        Map<String, Object> from = new HashMap<>();
        from.put("email", "restart+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        Map<String, Object> message = new HashMap<>();
        message.put("channel", "email");
        message.put("externalId", "email-" + UUID.randomUUID());
        message.put("from", from);
        message.put("content", "Hello, a quick question");
        message.put("attachments", List.of());
        message.put("receivedAt", Instant.now().toString());
        return message;
    }

    private static JsonPath resolution(String id) {
        return as("engineer").when().get("/api/v1/resolutions/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static List<Integer> proactiveTicks(String id) {
        return resolution(id).getList("customerUpdates.findAll { it.kind == 'proactive' }.tick", Integer.class);
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }

}
