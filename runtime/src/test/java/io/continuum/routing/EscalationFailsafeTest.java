package io.continuum.routing;

import io.continuum.audit.AuditEntry;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.Message;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.RoutingFixtures.agent;
import static io.continuum.support.RoutingFixtures.conversation;
import static io.continuum.support.RoutingFixtures.enqueue;
import static io.continuum.support.RoutingFixtures.uniqueChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Escalation rules act through the live policy, and a person's assignment survives every one of them. */
@QuarkusTest
class EscalationFailsafeTest {

    @Inject
    EscalationEvaluation escalation;
    @Inject
    WaitingQueue queue;
    @Inject
    Assignments assignments;
    @Inject
    Agents agents;

    /**
     * Test databases outlive builds and the store keeps the version 1 it imported first: publish
     * the rules of this build, as an analyst would, when the live version differs.
     */
    private static boolean published;

    @BeforeEach
    void publishTheseRules() throws IOException {
        if (published) {
            return;
        }
        String source = Files.readString(Path.of("..", "rules", "escalation-triggers.drl"));
        int live = as("analyst").get("/api/v1/policies").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.name == 'escalation-triggers' }.liveVersion");
        String liveSource = as("analyst").get("/api/v1/policies/escalation-triggers/versions/{v}", live)
                .then().statusCode(200).extract().path("source");
        if (!source.equals(liveSource)) {
            int version = RestAssured.given().auth().preemptive().basic("developer", "developer").contentType(ContentType.TEXT)
                    .body(source).post("/api/v1/policies/escalation-triggers/versions")
                    .then().statusCode(201).extract().path("version");
            as("supervisor").post("/api/v1/policies/escalation-triggers/versions/{v}/publish", version).then().statusCode(200);
        }
        Map<String, Object> breached = Map.of("signals", List.of(Map.of("conversationId", "probe", "slaState", "breached")));
        await().atMost(Duration.ofSeconds(10)).until(() -> as("analyst").body(breached)
                .post("/api/v1/policies/escalation-triggers/evaluate").then().statusCode(200).extract().asString()
                .contains("sla-breached-escalates"));
        published = true;
    }

    private static void customerWrote(UUID conversationId, String text) {
        QuarkusTransaction.requiringNew().run(() -> {
            Message message = new Message();
            message.id = UUID.randomUUID();
            message.conversationId = conversationId;
            message.channel = "email";
            message.externalId = "test-" + message.id;
            message.direction = "inbound";
            message.write(Conversation.<Conversation>findById(conversationId).customerId, text);
            message.receivedAt = Instant.now();
            message.createdAt = Instant.now();
            message.persist();
        });
    }

    private static Conversation reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Conversation.findById(id));
    }

    private List<String> evaluate(UUID id, String slaState) {
        return QuarkusTransaction.requiringNew().call(() -> escalation.evaluate(id, slaState, "test"))
                .stream().map(EscalationPolicy.Trigger::rule).toList();
    }

    @Test
    void aPersonsAssignmentSurvivesEveryEscalationRule() {
        String channel = uniqueChannel();
        Agent chosen = agent(agents, channel, 1, List.of(), List.of("en"), AgentStatus.AWAY);
        UUID id = conversation(channel, List.of(), 3, Instant.now().plusSeconds(600));
        customerWrote(id, "This is fraud, my card was stolen and it is urgent");
        QuarkusTransaction.requiringNew().run(() -> assignments.assignByHuman(id, chosen, channel, "supervisor"));

        List<String> fired = new ArrayList<>(evaluate(id, "breached"));
        fired.addAll(evaluate(id, "warning"));
        assertThat(fired).contains("risk-keyword", "risk-keyword-moves-to-trust-and-safety", "sla-breached-escalates",
                "sla-breached-notifies-supervisor", "sla-warning-raises-priority");

        Conversation after = reload(id);
        assertThat(after.assignedAgentId).isEqualTo(chosen.id.toString());
        assertThat(after.queue).as("a person's assignment keeps its queue").isEqualTo("general");
        assertThat(after.state).isEqualTo("escalated");
        assertThat(after.priority).isEqualTo(1);
        assertThat(assignments.activeAssignment(id)).get().satisfies(a -> {
            assertThat(a.agentId).isEqualTo(chosen.id);
            assertThat(a.assignedBy).isEqualTo("human:supervisor");
        });
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>list("entityId = ?1 and action = 'rule-action-skipped'", id))).isNotEmpty();
    }

    @Test
    void aWaitingConversationMovesQueueAndPriorityAsTheRulesSay() {
        String channel = uniqueChannel();
        UUID id = conversation(channel, List.of(), 3, Instant.now().plusSeconds(600));
        enqueue(queue, id, channel, List.of(), 3, Instant.now().plusSeconds(600));
        customerWrote(id, "Someone stole my card, this is a scam");

        assertThat(evaluate(id, "warning")).contains("risk-keyword-moves-to-trust-and-safety", "sla-warning-raises-priority");
        Conversation after = reload(id);
        assertThat(after.queue).isEqualTo("trust-and-safety");
        assertThat(after.priority).isEqualTo(1);
        assertThat(after.assignedAgentId).isNull();
        assertThat(queue.waiting(Optional.of("trust-and-safety"), 10_000))
                .anySatisfy(entry -> {
                    assertThat(entry.conversationId()).isEqualTo(id);
                    assertThat(entry.priority()).isEqualTo(1);
                });
        assertThat(as("supervisor").get("/api/v1/conversations/{id}/decisions", id)
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"))
                .anySatisfy(decision -> assertThat(decision.get("policy")).isEqualTo("escalation-triggers"));
    }
}
