package io.continuum.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class AuditLogTest {

    @Inject
    DataSource dataSource;

    @Test
    void theDatabaseRefusesToUpdateTheAuditLog() throws SQLException {
        receive(inbound("email", sender(uniqueEmail("audit"), null, null, null, null), "hi"));
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_log SET actor = 'someone else'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    void theDatabaseRefusesToDeleteOrTruncateTheAuditLog() throws SQLException {
        receive(inbound("email", sender(uniqueEmail("audit"), null, null, null, null), "hi"));
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    void everyStateChangeAndNoteOfAConversationIsAuditedWithItsActor() {
        JsonPath accepted = receive(inbound("email", sender(uniqueEmail("trail"), null, null, null, null), "hello"));
        String id = accepted.getString("conversationId");
        as("agent").body(Map.of("content", "internal")).when().post("/api/v1/conversations/{id}/notes", id).then().statusCode(201);
        as("supervisor").body(Map.of("to", "escalated", "reason", "VIP")).when()
                .post("/api/v1/conversations/{id}/transitions", id).then().statusCode(200);

        // triage by the live policies runs asynchronously and is audited too, in between or after
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> as("supervisor").queryParam("entityId", id)
                .when().get("/api/v1/audit").then().extract().jsonPath().getList("items.action").contains("sla-targets-set"));
        List<Map<String, Object>> everything = as("supervisor").queryParam("entityId", id).when().get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(everything).filteredOn(e -> "rule".equals(e.get("actorType"))).extracting(e -> e.get("action"))
                .contains("triaged", "sla-targets-set");
        List<Map<String, Object>> trail = everything.stream()
                .filter(e -> !List.of("ai", "rule").contains(e.get("actorType"))).toList();
        assertThat(trail).extracting(e -> e.get("action"))
                .containsExactly("created", "state-changed", "note-added", "state-changed");
        assertThat(trail.get(0).get("actorType")).isEqualTo("system");
        assertThat(trail.get(2).get("actor")).isEqualTo("agent");
        Map<?, ?> escalation = trail.get(3);
        assertThat(escalation.get("actorType")).isEqualTo("human");
        assertThat(escalation.get("actor")).isEqualTo("supervisor");
        assertThat(((Map<?, ?>) escalation.get("before")).get("state")).isEqualTo("awaiting_agent");
        assertThat(((Map<?, ?>) escalation.get("after")).get("state")).isEqualTo("escalated");
    }

    @Test
    void agentsCannotReadTheAuditLog() {
        as("agent").queryParam("entityId", java.util.UUID.randomUUID()).when().get("/api/v1/audit").then().statusCode(403);
    }
}
