package io.continuum.tasks;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Conversation;
import io.continuum.routing.Agent;
import io.continuum.routing.AgentAssignment;
import io.continuum.routing.AgentStatus;
import io.continuum.routing.Agents;
import io.continuum.routing.HumanHandoff;
import io.continuum.routing.QueuePolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.RoutingFixtures.agent;
import static io.continuum.support.RoutingFixtures.conversation;
import static io.continuum.support.RoutingFixtures.uniqueChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** /api/v1/tasks: the jBPM tasks of agent-handoff, per user and per group, claimed and completed with their conversation. */
@QuarkusTest
class AgentTaskListTest {

    @Inject
    HumanHandoff handoff;
    @Inject
    Conversations conversations;
    @Inject
    Agents agents;

    private String handOff(UUID conversationId, Instant due) {
        return QuarkusTransaction.requiringNew().call(() -> {
            conversations.change(conversationId, (conversation, now) ->
                    conversation.attachHandoffBrief(Map.of("summary", "Charged twice"), Actor.ai("first-contact"), now));
            return handoff.handOff(conversationId, new QueuePolicy.Route("general", List.of(), "agent", null, 1), due);
        });
    }

    private static Conversation conversationOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Conversation.findById(id));
    }

    private static Map<String, Object> taskOf(String user, UUID conversationId, String query) {
        List<Map<String, Object>> tasks = as(user).get("/api/v1/tasks" + query).then().statusCode(200)
                .extract().jsonPath().getList("$");
        return tasks.stream().filter(task -> conversationId.toString().equals(task.get("conversationId")))
                .findFirst().orElse(null);
    }

    @Test
    void anAgentSeesClaimsAndCompletesTheTaskAndItsConversationFollows() {
        Agent demoAgent = agents.findByUsername("agent").orElseGet(() -> agents.create(new Agents.NewAgent("agent",
                "Alex Agent", List.of(), List.of("en"), List.of(), List.of(), Map.of(), AgentStatus.AWAY), "test"));
        String channel = uniqueChannel();
        Instant due = Instant.now().plusSeconds(3600);
        UUID conversationId = conversation(channel, List.of(), 2, due);
        String processInstanceId = handOff(conversationId, due);

        Map<String, Object> task = taskOf("agent", conversationId, "");
        assertThat(task).as("the group task is offered to the agent").isNotNull()
                .containsEntry("name", "RespondToCustomer")
                .containsEntry("queue", "general")
                .containsEntry("processInstanceId", processInstanceId)
                .containsEntry("owner", null);
        assertThat(Instant.parse((String) task.get("slaDueAt"))).isCloseTo(due, org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(task.get("createdAt")).isNotNull();
        assertThat((Map<String, Object>) task.get("brief")).containsEntry("summary", "Charged twice");
        String taskId = (String) task.get("id");

        as("agent").post("/api/v1/tasks/{id}/claim", taskId).then().statusCode(200)
                .body("owner", equalTo("agent")).body("state", equalTo("Reserved"));
        assertThat(conversationOf(conversationId).assignedAgentId).isEqualTo(demoAgent.id.toString());
        assertThat(taskOf("agent", conversationId, "?mine=true")).isNotNull();
        as("supervisor").post("/api/v1/tasks/{id}/claim", taskId).then().statusCode(409)
                .contentType("application/problem+json");

        as("agent").body(Map.of("responseSummary", "Refunded the duplicate", "resolved", true))
                .post("/api/v1/tasks/{id}/complete", taskId).then().statusCode(200)
                .body("state", equalTo("Completed"));
        assertThat(taskOf("agent", conversationId, "")).as("a completed task leaves the list").isNull();
        assertThat(conversationOf(conversationId).state).isEqualTo("resolved");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(QuarkusTransaction.requiringNew().call(() ->
                        AgentAssignment.count("conversationId = ?1 and releasedAt is null", conversationId))).isZero());
        assertThat(conversationOf(conversationId).assignedAgentId).isNull();
    }

    @Test
    void routingPutsTheTaskInTheChosenAgentsHandsAndSupervisorsSeeItPerGroup() {
        String channel = uniqueChannel();
        Agent chosen = agent(agents, channel, 3, List.of("payments"), List.of("en"), AgentStatus.AVAILABLE);
        Instant due = Instant.now().plusSeconds(1800);
        UUID conversationId = conversation(channel, List.of("payments"), 1, due);
        handOff(conversationId, due);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Object> task = taskOf("supervisor", conversationId, "?group=agent");
            assertThat(task).isNotNull().containsEntry("owner", chosen.username).containsEntry("state", "Reserved");
        });
        assertThat(conversationOf(conversationId).assignedAgentId).isEqualTo(chosen.id.toString());
        assertThat(taskOf("agent", conversationId, "")).as("another agent no longer sees a task someone owns").isNull();
        as("agent").get("/api/v1/tasks?group=supervisor").then().statusCode(403);
    }
}
