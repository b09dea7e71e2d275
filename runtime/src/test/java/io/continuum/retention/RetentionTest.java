package io.continuum.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.customer;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention as a live policy: a supervisor's rows are simulated on today's conversations (counts before
 * publishing), published, and applied by the job: an old resolved free-tier conversation's customer is
 * erased, an old premium one is redacted, new ones are kept, every decision is logged, and a second run
 * does nothing again.
 */
@QuarkusTest
class RetentionTest {

    private static final String ERASE_OLD_FREE = """
                  <rule id="erase_resolved_free_older_than_a_day">
                    <description>Resolved free-tier conversations older than a day: erase the customer</description>
                    <inputEntry id="erase_i1"><text>-</text></inputEntry>
                    <inputEntry id="erase_i2"><text>"resolved"</text></inputEntry>
                    <inputEntry id="erase_i3"><text>"free"</text></inputEntry>
                    <inputEntry id="erase_i4"><text>&gt;= 1</text></inputEntry>
                    <outputEntry id="erase_o1"><text>"erase-customer"</text></outputEntry>
                  </rule>
                  <rule id="redact_premium_older_than_five_days">
                    <description>Premium conversations older than five days: redact their content</description>
                    <inputEntry id="redact_i1"><text>-</text></inputEntry>
                    <inputEntry id="redact_i2"><text>-</text></inputEntry>
                    <inputEntry id="redact_i3"><text>"premium"</text></inputEntry>
                    <inputEntry id="redact_i4"><text>&gt;= 5</text></inputEntry>
                    <outputEntry id="redact_o1"><text>"redact-content"</text></outputEntry>
                  </rule>
            """;

    @Inject
    EntityManager entityManager;

    @Test
    void aPublishedRuleErasesTheOldResolvedFreeTierCustomerRedactsTheOldPremiumOneAndKeepsTheNew() {
        Seeded old = seed("free", "my invoice is wrong", 3, false);
        Seeded fresh = seed("free", "thanks, all good now", 0, false);
        Seeded oldPremium = seed("premium", "here is the screenshot of the error", 6, true);
        int liveBefore = liveVersion();
        try {
            String v1 = as("analyst").when().get("/api/v1/policies/retention-policy/versions/1").then().statusCode(200)
                    .extract().path("source");
            String draft = v1.replace("      <rule id=\"keep_until_a_supervisor_decides\">",
                    ERASE_OLD_FREE + "      <rule id=\"keep_until_a_supervisor_decides\">");
            int version = as("analyst").contentType("text/plain").body(draft)
                    .when().post("/api/v1/policies/retention-policy/versions?comment=erase+old+free-tier")
                    .then().statusCode(201).extract().path("version");

            JsonPath simulation = as("analyst").body(Map.of("limit", 1_000_000))
                    .when().post("/api/v1/policies/retention-policy/versions/{v}/simulate?wait=PT60S", version)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(simulation.getString("status")).isEqualTo("completed");
            assertThat(simulation.getInt("report.outcomes.'retention-policy'.'erase-customer'")).isEqualTo(1);
            assertThat(simulation.getInt("report.outcomes.'retention-policy'.'redact-content'")).isEqualTo(1);
            assertThat(simulation.getInt("report.byOutput.'retention-policy'.transitions.'keep → erase-customer'"))
                    .isEqualTo(1);
            assertThat(simulation.getList("report.examples.conversationId", String.class))
                    .contains(old.conversationId(), oldPremium.conversationId()).doesNotContain(fresh.conversationId());
            assertThat(conversation(old.conversationId()).getList("timeline.content", String.class))
                    .as("a simulation changes nothing").contains(old.text());

            as("supervisor").when().post("/api/v1/policies/retention-policy/versions/{v}/publish", version)
                    .then().statusCode(200);
            JsonPath run = as("admin").when().post("/api/v1/retention/runs").then().statusCode(200).extract().jsonPath();
            assertThat(run.getInt("erased")).isEqualTo(1);
            assertThat(run.getInt("redacted")).isEqualTo(1);
            assertThat(run.getInt("failed")).isZero();
            assertThat(run.getString("finishedAt")).isNotNull();

            assertThat(customer(old.customerId()).getList("identifiers")).as("the old customer is erased").isEmpty();
            assertThat(messages(old.conversationId())).containsOnly("[erased]");
            JsonPath eraseDecision = retentionDecision(old.conversationId());
            assertThat(eraseDecision.getInt("version")).isEqualTo(version);
            assertThat(eraseDecision.getString("outputs.'retention-policy'")).isEqualTo("erase-customer");
            assertThat(eraseDecision.getString("inputs.tier")).isEqualTo("free");
            assertThat(eraseDecision.getInt("inputs.ageInDays")).isEqualTo(3);
            assertThat(eraseDecision.getList("fired.id", String.class)).containsExactly("erase_resolved_free_older_than_a_day");
            assertThat(eraseDecision.getString("explanation")).contains("erase-customer", "erase_resolved_free_older_than_a_day");

            assertThat(customer(fresh.customerId()).getList("identifiers")).as("the new customer is kept").isNotEmpty();
            assertThat(messages(fresh.conversationId())).contains(fresh.text());
            assertThat(retentionDecision(fresh.conversationId()).getString("outputs.'retention-policy'")).isEqualTo("keep");

            assertThat(customer(oldPremium.customerId()).getList("identifiers")).as("redaction keeps the customer").isNotEmpty();
            assertThat(messages(oldPremium.conversationId())).containsOnly("[redacted]");
            assertThat(attachmentsOf(oldPremium.conversationId())).isZero();
            assertThat(conversation(oldPremium.conversationId()).getString("state")).as("the shell stays").isEqualTo("resolved");

            JsonPath again = as("admin").when().post("/api/v1/retention/runs").then().statusCode(200).extract().jsonPath();
            assertThat(again.getInt("erased")).isZero();
            assertThat(again.getInt("redacted")).isZero();
            assertThat(decisionsOf(old.conversationId())).as("an erased customer is not decided about again").hasSize(1);
            assertThat(decisionsOf(oldPremium.conversationId())).as("a redacted conversation is not decided about again").hasSize(1);
            assertThat(decisionsOf(fresh.conversationId())).as("a kept one is decided again").hasSize(2);
            assertThat(as("supervisor").when().get("/api/v1/retention/runs").then().statusCode(200).extract().jsonPath()
                    .getList("id", String.class)).contains(run.getString("id"), again.getString("id"));
        } finally {
            as("supervisor").body(Map.of("toVersion", liveBefore)).when().post("/api/v1/policies/retention-policy/rollback")
                    .then().statusCode(200);
        }
    }

    record Seeded(String customerId, String conversationId, String text) {
    }

    /** A resolved conversation of a customer of the tier, its last activity {@code daysOld} days ago. */
    private Seeded seed(String tier, String words, int daysOld, boolean withAttachment) {
        String text = words + " " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> message = inbound("email", sender(uniqueEmail("retention"), null, null, null, null), text);
        if (withAttachment) {
            message.put("attachments", List.of(Map.of("fileName", "screenshot.txt", "contentType", "text/plain",
                    "content", Base64.getEncoder().encodeToString(text.getBytes()))));
        }
        JsonPath received = receive(message);
        String customerId = received.getString("customerId");
        String conversationId = received.getString("conversationId");
        as("agent").body(Map.of("tier", tier)).when().patch("/api/v1/customers/{id}", customerId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId).getString("intent") != null);
        as("agent").body(Map.of("to", "resolved")).when().post("/api/v1/conversations/{id}/transitions", conversationId)
                .then().statusCode(200);
        // what reacts to the conversation's events saves it: let that finish before its last activity is moved back
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE aggregate_id = ?1 AND published_at IS NULL")
                .setParameter(1, UUID.fromString(conversationId)).getSingleResult()).intValue() == 0));
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE conversation SET updated_at = now() - make_interval(days => ?1, mins => 5) WHERE id = ?2")
                .setParameter(1, daysOld).setParameter(2, UUID.fromString(conversationId)).executeUpdate());
        return new Seeded(customerId, conversationId, text);
    }

    private static List<String> messages(String conversationId) {
        return conversation(conversationId).getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content",
                String.class);
    }

    private static List<Map<String, Object>> decisionsOf(String conversationId) {
        return as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId).then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.policy == 'retention-policy' }");
    }

    /** The one retention decision about the conversation, as the decisions API shows it. */
    private static JsonPath retentionDecision(String conversationId) {
        assertThat(decisionsOf(conversationId)).hasSize(1);
        return as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId).then().statusCode(200)
                .extract().jsonPath().setRootPath("find { it.policy == 'retention-policy' }");
    }

    private long attachmentsOf(String conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM attachment a JOIN message m ON m.id = a.message_id WHERE m.conversation_id = ?1")
                .setParameter(1, UUID.fromString(conversationId)).getSingleResult()).longValue());
    }

    private static int liveVersion() {
        return as("analyst").when().get("/api/v1/policies").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.name == 'retention-policy' }.liveVersion");
    }
}
