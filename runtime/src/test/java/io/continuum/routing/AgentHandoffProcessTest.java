package io.continuum.routing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * processes/agent-handoff.bpmn: its human task is listed and completed; its timer escalates to a supervisor.
 * Kogito's generated endpoints are for admins, who may act as another user or group (?user=&group=).
 */
@QuarkusTest
class AgentHandoffProcessTest {

    private static String startHandoff(String conversationId, String firstResponseDue) {
        return given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(Map.of("conversationId", conversationId, "queue", "billing", "firstResponseDue", firstResponseDue))
                .when().post("/agent-handoff")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static List<Map<String, Object>> tasksOf(String user, String group, String processInstanceId) {
        List<Map<String, Object>> tasks = given().auth().preemptive().basic("admin", "admin")
                .queryParam("user", user).queryParam("group", group)
                .when().get("/usertasks/instance")
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
        return tasks.stream()
                .filter(task -> processInstanceId.equals(((Map<?, ?>) task.get("metadata")).get("ProcessInstanceId")))
                .toList();
    }

    private static void transition(String user, String taskId, String transition, Map<String, Object> data) {
        given().auth().preemptive().basic("admin", "admin")
                .queryParam("user", user).queryParam("group", user)
                .contentType(ContentType.JSON)
                .body(Map.of("transitionId", transition, "data", data))
                .when().post("/usertasks/instance/{id}/transition", taskId)
                .then().statusCode(200);
    }

    @Test
    void agentClaimsAndCompletesTheResponseTask() {
        String conversationId = UUID.randomUUID().toString();
        String processId = startHandoff(conversationId, "PT1H");

        List<Map<String, Object>> tasks = tasksOf("agent", "agent", processId);
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.get("taskName")).isEqualTo("RespondToCustomer");
            assertThat((Map<String, Object>) task.get("inputs")).containsEntry("conversationId", conversationId).containsEntry("queue", "billing");
        });
        String taskId = (String) tasks.get(0).get("id");

        transition("agent", taskId, "claim", Map.of());
        transition("agent", taskId, "complete", Map.of("responseSummary", "Explained the refund timeline"));

        assertThat(tasksOf("agent", "agent", processId)).isEmpty();
        given().auth().preemptive().basic("admin", "admin")
                .when().get("/agent-handoff/{id}", processId)
                .then().statusCode(404);
    }

    @Test
    void unansweredHandoffMovesToASupervisorWhenTheFirstResponseIsDue() {
        String processId = startHandoff(UUID.randomUUID().toString(), "PT2S");
        assertThat(tasksOf("agent", "agent", processId)).hasSize(1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(tasksOf("supervisor", "supervisor", processId))
                        .extracting(task -> task.get("taskName"))
                        .containsExactly("EscalatedRespondToCustomer"));
        assertThat(tasksOf("agent", "agent", processId)).isEmpty();

        // the task store and the process instance are saved one after the other
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath instance = given().auth().preemptive().basic("admin", "admin")
                    .when().get("/agent-handoff/{id}", processId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(instance.<Boolean>get("escalated")).isTrue();
        });
    }

    @Test
    void integrationsCannotWorkAgentTasks() {
        given().auth().preemptive().basic("api", "api")
                .when().get("/usertasks/instance")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(403));
    }
}
