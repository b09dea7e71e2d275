package io.continuum.decisions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What-if before publishing: replayed decisions and the outcomes that would change. */
@QuarkusTest
class SimulationTest {

    @Inject
    EntityManager entityManager;

    @Test
    void simulationCountsExactlyTheDecisionsTheDraftWouldChange() throws Exception {
        Instant since = Instant.now();
        List<String> texts = List.of("I was charged twice!", "There is a duplicate payment on my card",
                "How do I change my avatar?", "I got a refund request denied", "Where can I download invoices?");
        List<String> conversations = texts.stream()
                .map(text -> receive(inbound("email", sender(uniqueEmail("sim"), null, null, null, null), text))
                        .getString("conversationId"))
                .toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> severityDecisionsSince(since).size() >= conversations.size());

        // hand count: the draft lowers money_at_stake from P0 to P1, so exactly the decisions that were P0
        // because of money alone (no security signal) change, and each changes P0 -> P1
        List<Map<String, Object>> window = severityDecisionsSince(since);
        long expected = window.stream().filter(d -> Boolean.TRUE.equals(((Map<?, ?>) d.get("inputs")).get("moneySignal"))
                && !Boolean.TRUE.equals(((Map<?, ?>) d.get("inputs")).get("securitySignal"))).count();
        assertThat(expected).as("money-only P0 decisions in the window").isPositive();

        String softer = PolicyStoreTest.baseline("decision-tables/severity.dmn")
                .replace("<outputEntry id=\"r1_o1\"><text>\"P0\"</text></outputEntry>",
                        "<outputEntry id=\"r1_o1\"><text>\"P1\"</text></outputEntry>");
        int draft = PolicyStoreTest.upload("severity", softer);

        JsonPath result = as("analyst").body(Map.of("since", since.toString(), "limit", 100_000))
                .when().post("/api/v1/policies/severity/versions/{v}/simulate", draft)
                .then().statusCode(200).extract().jsonPath();

        assertThat(result.getString("status")).isEqualTo("completed");
        assertThat(result.getInt("total")).isEqualTo(window.size());
        assertThat(result.getInt("processed")).isEqualTo(window.size());
        assertThat((long) result.getInt("changed")).isEqualTo(expected);
        assertThat((long) result.getInt("report.byOutput.severity.transitions.'P0 → P1'")).isEqualTo(expected);
        assertThat(result.getList("report.examples.before.severity", String.class)).isNotEmpty().containsOnly("P0");
        assertThat(result.getList("report.examples.after.severity", String.class)).isNotEmpty().containsOnly("P1");
        assertThat(result.getList("report.examples.conversationId", String.class)).containsAnyElementsOf(conversations);
        assertThat(PolicyStoreTest.liveVersion("severity")).as("simulation publishes nothing").isNotEqualTo(draft);
    }

    @Test
    void simulationOfAnUnknownVersionIsNotFound() {
        as("analyst").body(Map.of()).when().post("/api/v1/policies/severity/versions/9999/simulate")
                .then().statusCode(404);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> severityDecisionsSince(Instant since) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                        .createQuery("from DecisionRecord d where d.policyName = 'severity' and d.evaluatedAt >= :since",
                                DecisionRecord.class)
                        .setParameter("since", since).getResultList()).stream()
                .map(d -> Map.<String, Object>of("inputs", d.inputs, "outputs", d.outputs))
                .toList();
    }
}
