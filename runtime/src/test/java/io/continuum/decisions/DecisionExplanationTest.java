package io.continuum.decisions;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Why did this conversation go there?": every decision with its inputs, fired rows, versions and words. */
@QuarkusTest
class DecisionExplanationTest {

    @Test
    void conversationShowsTheDecisionsThatRoutedItAndTheRowsThatFired() {
        String id = receive(inbound("email", sender(uniqueEmail("why"), null, null, null, null),
                "I was charged twice for my subscription this month")).getString("conversationId");

        await().atMost(Duration.ofSeconds(30)).until(() -> as("supervisor")
                .when().get("/api/v1/conversations/{id}/decisions", id).then().extract().jsonPath()
                .getList("policy").contains("sla-policy"));
        List<Map<String, Object>> decisions = as("supervisor").when().get("/api/v1/conversations/{id}/decisions", id)
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(decisions).extracting(d -> d.get("policy"))
                .containsSubsequence("classification-fallbacks", "severity", "routing", "sla-policy");
        Map<String, Object> severity = decisions.stream().filter(d -> "severity".equals(d.get("policy"))).findFirst().orElseThrow();
        Map<String, Object> routing = decisions.stream().filter(d -> "routing".equals(d.get("policy"))).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) severity.get("inputs")).get("moneySignal")).isEqualTo(true);
        assertThat(((Map<?, ?>) severity.get("outputs")).get("severity")).isEqualTo("P0");
        assertThat((List<Map<String, Object>>) severity.get("fired")).extracting(row -> row.get("id")).contains("money_at_stake");
        assertThat((String) severity.get("explanation"))
                .startsWith("severity version ")
                .contains("decided severity = P0")
                .contains("'money_at_stake' (Money missing, duplicated or taken: P0)")
                .contains("moneySignal = true");
        assertThat(decisions).allSatisfy(d -> {
            assertThat(((Number) d.get("durationMicros")).longValue()).isPositive();
            assertThat(d.get("version")).isNotNull();
        });

        Map<String, Object> conversation = as("agent").when().get("/api/v1/conversations/{id}", id)
                .then().extract().jsonPath().getMap("$");
        assertThat(conversation.get("severity")).isEqualTo("P0");
        assertThat(conversation.get("queue")).isEqualTo(((Map<?, ?>) ((Map<?, ?>) routing.get("outputs")).get("routing")).get("queue"));
    }
}
