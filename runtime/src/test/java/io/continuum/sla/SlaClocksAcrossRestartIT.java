package io.continuum.sla;

import io.continuum.support.PackagedApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
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
    private static final String TWENTY_SECOND_POLICY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="sla-policy" name="sla-policy"
                         namespace="https://continuum.io/dmn/sla-policy">
              <inputData id="tier" name="tier"><variable id="tier_v" name="tier" typeRef="string"/></inputData>
              <inputData id="severity" name="severity"><variable id="severity_v" name="severity" typeRef="string"/></inputData>
              <inputData id="channel" name="channel"><variable id="channel_v" name="channel" typeRef="string"/></inputData>
              <decision id="sla_policy_decision" name="sla-policy">
                <variable id="sla_policy_v" name="sla-policy"/>
                <informationRequirement id="ir1"><requiredInput href="#tier"/></informationRequirement>
                <informationRequirement id="ir2"><requiredInput href="#severity"/></informationRequirement>
                <informationRequirement id="ir3"><requiredInput href="#channel"/></informationRequirement>
                <decisionTable id="flat_table" hitPolicy="UNIQUE">
                  <input id="i1" label="tier"><inputExpression id="ie1" typeRef="string"><text>tier</text></inputExpression></input>
                  <input id="i2" label="severity"><inputExpression id="ie2" typeRef="string"><text>severity</text></inputExpression></input>
                  <input id="i3" label="channel"><inputExpression id="ie3" typeRef="string"><text>channel</text></inputExpression></input>
                  <output id="o1" name="firstResponseDue" typeRef="days and time duration"/>
                  <output id="o2" name="nextResponseDue" typeRef="days and time duration"/>
                  <output id="o3" name="resolutionDue" typeRef="days and time duration"/>
                  <output id="o4" name="proactiveUpdateInterval" typeRef="days and time duration"/>
                  <output id="o5" name="warningThreshold" typeRef="number"/>
                  <output id="o6" name="calendar" typeRef="string"/>
                  <rule id="drill">
                    <description>An SLA drill: answer within 20 seconds</description>
                    <inputEntry id="r1i1"><text>-</text></inputEntry>
                    <inputEntry id="r1i2"><text>-</text></inputEntry>
                    <inputEntry id="r1i3"><text>-</text></inputEntry>
                    <outputEntry id="r1o1"><text>duration("PT20S")</text></outputEntry>
                    <outputEntry id="r1o2"><text>duration("PT20S")</text></outputEntry>
                    <outputEntry id="r1o3"><text>duration("PT1H")</text></outputEntry>
                    <outputEntry id="r1o4"><text>duration("PT1H")</text></outputEntry>
                    <outputEntry id="r1o5"><text>0.25</text></outputEntry>
                    <outputEntry id="r1o6"><text>"24x7"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
            </definitions>
            """;

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
        try (var connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var query = connection.prepareStatement("SELECT count(*) FROM outbox_event WHERE topic = ? "
                     + "AND aggregate_id = ?::uuid AND payload->>'clock' = 'first_response'")) {
            query.setString(1, topic);
            query.setString(2, conversationId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static JsonPath conversation(String id) {
        return as("agent").get("/api/v1/conversations/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }

}
