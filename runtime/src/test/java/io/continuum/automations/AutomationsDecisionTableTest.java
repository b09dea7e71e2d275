package io.continuum.automations;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins decision-tables/automations.dmn as shipped (version 1 in the policy store): its example rows are switched
 * off, so nothing fires whatever the inputs; switched on, each fires exactly where its conditions say (the pending
 * reminder and resolution by hours in state, the low-CSAT rows by the score a customer just gave).
 */
@QuarkusTest
class AutomationsDecisionTableTest {

    private static Map<String, Object> facts(String eventType, String state, long hoursInState) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("eventType", eventType);
        inputs.put("channel", "email");
        inputs.put("state", state);
        inputs.put("tier", "standard");
        inputs.put("intent", "billing");
        inputs.put("severity", "P3");
        inputs.put("queue", "general");
        inputs.put("tags", List.of("vip"));
        inputs.put("language", "en");
        inputs.put("businessHours", true);
        inputs.put("hoursSinceCustomerMessage", hoursInState);
        inputs.put("hoursSinceAgentMessage", hoursInState);
        inputs.put("hoursInState", hoursInState);
        inputs.put("sentiment", 0);
        inputs.put("csatScore", null);
        return inputs;
    }

    private static Map<String, Object> rated(String eventType, Integer score) {
        Map<String, Object> inputs = facts(eventType, "resolved", 1);
        inputs.put("csatScore", score);
        return inputs;
    }

    private static int lowCsatRowsSwitchedOn() {
        String shipped = AutomationRows.shipped();
        String switchedOn = shipped.replaceAll("(<inputEntry id=\"low_csat_[a-z]+_i0\"><text>)false", "$1true");
        assertThat(switchedOn).isNotEqualTo(shipped);
        return AutomationRows.store(switchedOn);
    }

    private static JsonPath evaluate(int version, Map<String, Object> inputs) {
        return as("analyst").body(inputs).queryParam("version", version)
                .when().post("/api/v1/policies/automations/evaluate")
                .then().statusCode(200).extract().jsonPath();
    }

    @ParameterizedTest(name = "shipped: {0} {1} {2} h → nothing")
    @CsvSource({
            "time-elapsed,     awaiting_customer, 48",
            "time-elapsed,     awaiting_customer, 500",
            "message-received, open,              0",
            "sla-breach,       escalated,         3",
    })
    void theShippedRowsAreSwitchedOff(String eventType, String state, long hours) {
        JsonPath result = evaluate(1, facts(eventType, state, hours));
        assertThat(result.getList("fired")).isEmpty();
    }

    @ParameterizedTest(name = "switched on: {0} {1} {2} h → {3}")
    @CsvSource({
            "time-elapsed,     awaiting_customer, 47,  ''",
            "time-elapsed,     awaiting_customer, 48,  pending_reminder_48h",
            "time-elapsed,     awaiting_customer, 96,  pending_reminder_48h pending_resolve_96h pending_resolve_96h_note",
            "time-elapsed,     awaiting_agent,    200, ''",
            "message-received, awaiting_customer, 200, ''",
    })
    void switchedOnTheExampleRowsFireWhereTheirConditionsSay(String eventType, String state, long hours, String rows) {
        String switchedOn = AutomationRows.shipped()
                .replaceAll("(<inputEntry id=\"pending_[a-z0-9_]+_i0\"><text>)false", "$1true");
        int version = AutomationRows.store(switchedOn);
        JsonPath result = evaluate(version, facts(eventType, state, hours));
        List<String> expected = rows.isBlank() ? List.of() : List.of(rows.split(" "));
        assertThat(result.getList("fired.id", String.class)).containsExactlyElementsOf(expected);
        assertThat(result.getList("outputs.automations.action", String.class)).hasSize(expected.size());
    }

    @ParameterizedTest(name = "low CSAT switched on: {0} rated {1} → {2}")
    @CsvSource({
            "csat-received,    1,  low_csat_notify low_csat_tag",
            "csat-received,    2,  low_csat_notify low_csat_tag",
            "csat-received,    3,  ''",
            "csat-received,    5,  ''",
            "csat-received,    ,   ''",
            "message-received, 1,  ''",
    })
    void aRatingOfTwoOrLowerNotifiesASupervisorAndTagsTheConversationUnhappy(String eventType, Integer score, String rows) {
        JsonPath result = evaluate(lowCsatRowsSwitchedOn(), rated(eventType, score));
        List<String> expected = rows.isBlank() ? List.of() : List.of(rows.split(" "));
        assertThat(result.getList("fired.id", String.class)).containsExactlyElementsOf(expected);
        if (!expected.isEmpty()) {
            assertThat(result.getList("outputs.automations.action", String.class)).containsExactly("notify-supervisor", "add-tag");
            assertThat(result.getString("outputs.automations[1].argument")).isEqualTo("unhappy");
        }
    }

    @Test
    void theShippedLowCsatRowsAreSwitchedOff() {
        assertThat(evaluate(1, rated("csat-received", 1)).getList("fired")).isEmpty();
    }

    @Test
    void theReminderRowAsksForTheReminderTemplate() {
        String switchedOn = AutomationRows.shipped()
                .replaceAll("(<inputEntry id=\"pending_[a-z0-9_]+_i0\"><text>)false", "$1true");
        JsonPath result = evaluate(AutomationRows.store(switchedOn), facts("time-elapsed", "awaiting_customer", 50));
        assertThat(result.getString("outputs.automations[0].automation")).isEqualTo("pending reminder");
        assertThat(result.getString("outputs.automations[0].action")).isEqualTo("send-template-reply");
        assertThat(result.getString("outputs.automations[0].argument")).isEqualTo("automation-pending-reminder");
    }
}
