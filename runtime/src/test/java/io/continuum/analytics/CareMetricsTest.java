package io.continuum.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Stores a small, hand-checked history in a two-day window of the past that no other test uses,
 * then checks every figure the metrics endpoint computes from it.
 */
@QuarkusTest
class CareMetricsTest {

    @Inject
    DataSource dataSource;

    private LocalDate day;
    private String queue;
    private String agent;
    private UUID a;
    private UUID b;
    private UUID c;
    private UUID d;

    @BeforeEach
    void storeHistory() throws SQLException {
        // A random day between 1950 and 1999: the persistent test database holds nothing there.
        day = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(18_000));
        queue = "metrics-" + UUID.randomUUID();
        agent = "agent-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            UUID customer = UUID.randomUUID();
            insert(connection, "INSERT INTO customer (id, created_at, updated_at) VALUES (?, ?, ?)",
                    customer, at(0, 9, 0), at(0, 9, 0));

            // A: answered by the AI in 30 s and never touched by a person (deflected), resolved after 10 min.
            a = conversation(connection, customer, "resolved", null, null, at(0, 10, 0),
                    at(0, 10, 5), at(0, 12, 0), at(0, 10, 10));
            message(connection, a, "ai:first-contact", at(0, 10, 0).plusSeconds(30));
            stateChange(connection, a, "resolved", "system:first-contact", at(0, 10, 10));
            audit(connection, a, "triaged", "rule", at(0, 10, 1));

            // B: a person answers after 2 min, missing the 1-minute first-response target; resolved after
            // 2 h, reopened the next day; its classification was corrected.
            b = conversation(connection, customer, "reopened", queue, agent, at(0, 11, 0),
                    at(0, 11, 1), at(0, 20, 0), at(0, 13, 0));
            message(connection, b, "agent", at(0, 11, 2));
            stateChange(connection, b, "resolved", "human:agent", at(0, 13, 0));
            stateChange(connection, b, "reopened", "system:ingestion", at(1, 9, 0));
            audit(connection, b, "triaged", "rule", at(0, 11, 0).plusSeconds(1));
            audit(connection, b, "corrected", "human", at(0, 11, 5));

            // C: waiting, owned by the agent, no SLA due times.
            c = conversation(connection, customer, "awaiting_agent", queue, agent, at(1, 8, 0), null, null, null);
            audit(connection, c, "triaged", "rule", at(1, 8, 0).plusSeconds(1));

            // D: unassigned, its resolution due time long past; corrected.
            d = conversation(connection, customer, "awaiting_agent", queue, null, at(1, 9, 0), null, at(1, 10, 0), null);
            audit(connection, d, "triaged", "rule", at(1, 9, 0).plusSeconds(1));
            audit(connection, d, "corrected", "human", at(1, 9, 30));

            decision(connection, a, at(0, 10, 0));
            decision(connection, b, at(0, 11, 0));
            decision(connection, b, at(0, 11, 5));
            decision(connection, c, at(1, 8, 0));

            // Surveys: B's two resolutions rated 2 and 5 (its agent and queue), A rated 4, and A asked again on
            // the second day without an answer.
            survey(connection, b, customer, agent, queue, at(0, 13, 5), 2);
            survey(connection, b, customer, agent, queue, at(0, 15, 0), 5);
            survey(connection, a, customer, null, null, at(0, 10, 20), 4);
            // the survey message itself: neither a first response nor a person stepping in (A stays deflected)
            message(connection, a, "system:csat", at(0, 10, 20));
            survey(connection, a, customer, null, null, at(1, 10, 0), null);
        }
    }

    @Test
    void computesEveryFigureOfTheWindowFromStoredData() {
        JsonPath metrics = as("supervisor")
                .queryParam("from", at(0, 0, 0).toInstant().toString())
                .queryParam("to", at(2, 0, 0).toInstant().toString())
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(200).extract().jsonPath();

        Map<String, Object> totals = metrics.getMap("totals");
        assertThat(totals).containsEntry("conversations", 4).containsEntry("responded", 2)
                .containsEntry("resolved", 2).containsEntry("reopened", 1)
                .containsEntry("deflected", 1).containsEntry("classified", 4).containsEntry("corrected", 2)
                .containsEntry("slaTracked", 3).containsEntry("slaBreached", 2)
                .containsEntry("automatedDecisions", 4).containsEntry("surveysSent", 4).containsEntry("surveysAnswered", 3);
        assertThat(metrics.getDouble("totals.firstResponseAverageSeconds")).isCloseTo(75.0, within(1e-6));
        assertThat(metrics.getDouble("totals.firstResponseMedianSeconds")).isCloseTo(75.0, within(1e-6));
        assertThat(metrics.getDouble("totals.resolutionAverageSeconds")).isCloseTo(3900.0, within(1e-6));
        assertThat(metrics.getDouble("totals.resolutionMedianSeconds")).isCloseTo(3900.0, within(1e-6));
        assertThat(metrics.getDouble("totals.aiDeflectionRate")).isCloseTo(0.25, within(1e-6));
        assertThat(metrics.getDouble("totals.aiOverrideRate")).isCloseTo(0.5, within(1e-6));
        assertThat(metrics.getDouble("totals.slaBreachRate")).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(metrics.getDouble("totals.reopenRate")).isCloseTo(0.5, within(1e-6));

        assertThat(metrics.getDouble("totals.csat")).isCloseTo(11.0 / 3, within(1e-6));
        assertThat(metrics.getDouble("totals.csatResponseRate")).isCloseTo(0.75, within(1e-6));
        assertThat(metrics.getDouble("csat.average")).isCloseTo(11.0 / 3, within(1e-6));
        assertThat(metrics.<String, Object>getMap("csat.distribution")).isEqualTo(Map.of("1", 0, "2", 1, "3", 0, "4", 1, "5", 1));
        assertThat(metrics.getList("csat.byAgent.name", String.class)).containsExactly(agent);
        assertThat(metrics.getMap("csat.byAgent[0]")).containsEntry("sent", 2).containsEntry("answered", 2);
        assertThat(metrics.getDouble("csat.byAgent[0].average")).isCloseTo(3.5, within(1e-6));
        assertThat(metrics.getList("csat.byQueue.name", String.class)).containsExactly(queue);
        assertThat(metrics.getDouble("csat.byQueue[0].average")).isCloseTo(3.5, within(1e-6));

        List<Map<String, Object>> series = metrics.getList("series");
        assertThat(series).extracting(entry -> entry.get("day")).containsExactly(day.toString(), day.plusDays(1).toString());
        assertThat(metrics.getMap("series[0].figures")).containsEntry("conversations", 2).containsEntry("resolved", 2)
                .containsEntry("deflected", 1).containsEntry("classified", 2).containsEntry("corrected", 1)
                .containsEntry("slaTracked", 2).containsEntry("slaBreached", 1).containsEntry("automatedDecisions", 3);
        assertThat(metrics.getDouble("series[0].figures.aiDeflectionRate")).isCloseTo(0.5, within(1e-6));
        assertThat(metrics.getDouble("series[0].figures.csat")).isCloseTo(11.0 / 3, within(1e-6));
        assertThat(metrics.getMap("series[1].figures")).containsEntry("surveysSent", 1).containsEntry("surveysAnswered", 0)
                .containsEntry("csat", null);
        assertThat(metrics.getDouble("series[0].figures.resolutionAverageSeconds")).isCloseTo(3900.0, within(1e-6));
        assertThat(metrics.getMap("series[1].figures")).containsEntry("conversations", 2).containsEntry("responded", 0)
                .containsEntry("firstResponseAverageSeconds", null).containsEntry("resolved", 0)
                .containsEntry("reopenRate", null).containsEntry("slaTracked", 1).containsEntry("slaBreached", 1)
                .containsEntry("automatedDecisions", 1);
        assertThat(metrics.getDouble("series[1].figures.aiDeflectionRate")).isZero();
        assertThat(metrics.getDouble("series[1].figures.aiOverrideRate")).isCloseTo(0.5, within(1e-6));

        Map<String, Object> queueNow = metrics.<Map<String, Object>>getList("queues").stream()
                .filter(q -> queue.equals(q.get("queue"))).findFirst().orElseThrow();
        assertThat(queueNow).containsEntry("open", 3).containsEntry("unassigned", 1).containsEntry("overdue", 2);
        Map<String, Object> agentNow = metrics.<Map<String, Object>>getList("agents").stream()
                .filter(q -> agent.equals(q.get("agent"))).findFirst().orElseThrow();
        assertThat(agentNow).containsEntry("open", 2).containsEntry("overdue", 1);
    }

    @Test
    void listsTheConversationsBehindAFigureOnADay() {
        assertThat(behind("sla-breached", day)).containsExactly(b.toString());
        assertThat(behind("sla-breached", day.plusDays(1))).containsExactly(d.toString());
        assertThat(behind("deflected", day)).containsExactly(a.toString());
        assertThat(behind("deflected", day.plusDays(1))).isEmpty();
        assertThat(behind("resolved", day)).containsExactly(a.toString(), b.toString());
        assertThat(behind("reopened", day)).containsExactly(b.toString());
        assertThat(behind("surveys-answered", day)).containsExactly(a.toString(), b.toString());
        assertThat(behind("surveys-sent", day.plusDays(1))).containsExactly(a.toString());
        assertThat(behind("classified", day.plusDays(1))).containsExactly(c.toString(), d.toString());

        JsonPath corrected = as("analyst")
                .queryParam("from", at(0, 0, 0).toInstant().toString()).queryParam("to", at(2, 0, 0).toInstant().toString())
                .when().get("/api/v1/analytics/metrics/corrected/conversations")
                .then().statusCode(200).extract().jsonPath();
        assertThat(corrected.getList("conversations.id", String.class)).containsExactly(b.toString(), d.toString());
        assertThat(corrected.getBoolean("truncated")).isFalse();
        assertThat(corrected.getString("conversations[0].queue")).isEqualTo(queue);
        assertThat(corrected.getString("conversations[0].assignee")).isEqualTo(agent);
        assertThat(corrected.getString("conversations[0].state")).isEqualTo("reopened");
    }

    @Test
    void exportsTheConversationsBehindAFigureAsCsv() {
        String csv = as("supervisor").queryParam("day", day.plusDays(1).toString()).queryParam("format", "csv")
                .when().get("/api/v1/analytics/metrics/sla-breached/conversations")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("sla-breached-conversations.csv"))
                .extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "id,createdAt,channel,state,queue,intent,severity,assignee,resolvedAt",
                d + "," + at(1, 9, 0).toInstant() + ",email,awaiting_agent," + queue + ",,,,");
    }

    @Test
    void exportsEachFigureByDayAsCsv() {
        String breaches = as("analyst").accept("text/csv")
                .queryParam("from", at(0, 0, 0).toInstant().toString()).queryParam("to", at(2, 0, 0).toInstant().toString())
                .queryParam("figure", "slaBreached")
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertThat(breaches.split("\r\n")).containsExactly("day,slaBreached", day + ",1", day.plusDays(1) + ",1", "total,2");

        String all = as("supervisor")
                .queryParam("from", at(0, 0, 0).toInstant().toString()).queryParam("to", at(2, 0, 0).toInstant().toString())
                .queryParam("format", "csv")
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(200).extract().asString();
        String[] lines = all.split("\r\n");
        assertThat(lines[0]).startsWith("day,conversations,responded,firstResponseAverageSeconds,")
                .endsWith(",csat,automatedDecisions");
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).startsWith("total,4,2,75.0,75.0,2,");
    }

    @Test
    void anUnknownFigureOrFormatIsAProblem() {
        as("supervisor").queryParam("day", day.toString())
                .when().get("/api/v1/analytics/metrics/happiness/conversations")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("sla-breached"));
        as("supervisor").queryParam("day", "last tuesday")
                .when().get("/api/v1/analytics/metrics/resolved/conversations")
                .then().statusCode(400).contentType("application/problem+json");
        as("supervisor").queryParam("format", "xlsx")
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(400).contentType("application/problem+json");
        as("supervisor").queryParam("format", "csv").queryParam("figure", "happiness")
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("slaBreachRate"));
    }

    private List<String> behind(String figure, LocalDate onDay) {
        return as("supervisor").queryParam("day", onDay.toString())
                .when().get("/api/v1/analytics/metrics/" + figure + "/conversations")
                .then().statusCode(200).extract().jsonPath().getList("conversations.id", String.class);
    }

    @Test
    void aWindowEndingBeforeItStartsIsAProblem() {
        as("analyst").queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("'from' must be before 'to'"));
        as("supervisor").queryParam("from", "yesterday")
                .when().get("/api/v1/analytics/metrics")
                .then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("ISO-8601"));
    }

    @Test
    void agentsDoNotSeeTheMetrics() {
        as("agent").when().get("/api/v1/analytics/metrics").then().statusCode(403);
        as("agent").queryParam("day", day.toString()).when().get("/api/v1/analytics/metrics/resolved/conversations")
                .then().statusCode(403);
    }

    private OffsetDateTime at(int plusDays, int hour, int minute) {
        return day.plusDays(plusDays).atTime(hour, minute).atOffset(ZoneOffset.UTC);
    }

    private static UUID conversation(Connection connection, UUID customer, String state, String queue, String agent,
                                     OffsetDateTime createdAt, OffsetDateTime firstResponseDue, OffsetDateTime resolutionDue,
                                     OffsetDateTime resolvedAt) throws SQLException {
        UUID id = UUID.randomUUID();
        insert(connection, """
                INSERT INTO conversation (id, customer_id, state, current_channel, queue, assigned_agent_id,
                    first_response_due_at, resolution_due_at, resolved_at, created_at, updated_at, last_message_at)
                VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, customer, state, queue, agent, firstResponseDue, resolutionDue, resolvedAt, createdAt, createdAt, createdAt);
        return id;
    }

    private static void message(Connection connection, UUID conversation, String author, OffsetDateTime at) throws SQLException {
        UUID id = UUID.randomUUID();
        insert(connection, """
                INSERT INTO message (id, conversation_id, channel, external_id, direction, content, author, received_at, created_at)
                VALUES (?, ?, 'email', ?, 'outbound', 'Hello', ?, ?, ?)""",
                id, conversation, "metrics:" + id, author, at, at);
    }

    private static void stateChange(Connection connection, UUID conversation, String to, String actor, OffsetDateTime at)
            throws SQLException {
        insert(connection, """
                INSERT INTO conversation_state_change (id, conversation_id, to_state, actor, changed_at)
                VALUES (?, ?, ?, ?, ?)""", UUID.randomUUID(), conversation, to, actor, at);
    }

    private static void audit(Connection connection, UUID conversation, String action, String actorType, OffsetDateTime at)
            throws SQLException {
        insert(connection, """
                INSERT INTO audit_log (entity_type, entity_id, action, actor_type, actor, occurred_at)
                VALUES ('conversation', ?, ?, ?, 'metrics-test', ?)""", conversation, action, actorType, at);
    }

    private static void decision(Connection connection, UUID conversation, OffsetDateTime at) throws SQLException {
        insert(connection, """
                INSERT INTO decision_log (id, policy_name, policy_version, conversation_id, inputs, outputs, fired,
                    duration_micros, evaluated_at)
                VALUES (?, 'routing', 1, ?, '{}', '{}', '[]', 12, ?)""", UUID.randomUUID(), conversation, at);
    }

    private static void survey(Connection connection, UUID conversation, UUID customer, String agent, String queue,
                               OffsetDateTime requestedAt, Integer score) throws SQLException {
        insert(connection, """
                INSERT INTO csat_survey (id, conversation_id, customer_id, resolved_at, agent_id, queue, channel,
                    requested_by, requested_at, expires_at, score, answered_via, answered_at)
                VALUES (?, ?, ?, ?, ?, ?, 'email', 'human:supervisor', ?, ?, ?, ?, ?)""",
                UUID.randomUUID(), conversation, customer, requestedAt, agent, queue, requestedAt, requestedAt.plusDays(7),
                score, score == null ? null : "link", score == null ? null : requestedAt.plusHours(1));
    }

    private static void insert(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
