package io.continuum.channels.voice;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins decision-tables/voice-menu.dmn as shipped (version 1 in the policy store): every row, in the order FIRST reads
 * them. An empty resolutionStatus cell is a caller with no open Resolution.
 */
@QuarkusTest
class VoiceMenuDecisionTableTest {

    @ParameterizedTest(name = "{0} h, business hours {1}, {2}, open conversation {3}, case {4} → {5} by {6}")
    @CsvSource({
            // hour, businessHours, tier,     openConversation, resolutionStatus, action,    row,                               readCaseStatus
            "10,     true,          free,       false,            investigating,    enqueue,   open_case_in_business_hours,       true",
            "16,     true,          enterprise, true,             awaiting_deploy,  enqueue,   open_case_in_business_hours,       true",
            "22,     false,         standard,   true,             fix_in_progress,  voicemail, open_case_after_hours,             true",
            "3,      false,         enterprise, false,            monitoring,       voicemail, open_case_after_hours,             true",
            "23,     false,         premium,    false,            ,                 enqueue,   premium_after_hours_to_on_call,    false",
            "6,      false,         enterprise, true,             ,                 enqueue,   premium_after_hours_to_on_call,    false",
            "20,     false,         standard,   true,             ,                 voicemail, closed_voicemail,                  false",
            "1,      false,         free,       false,            ,                 voicemail, closed_voicemail,                  false",
            "11,     true,          free,       true,             ,                 enqueue,   ongoing_conversation_to_a_person,  false",
            "9,      true,          premium,    true,             ,                 enqueue,   ongoing_conversation_to_a_person,  false",
            "9,      true,          standard,   false,            ,                 gather,    new_caller_chooses,                false",
            "14,     true,          enterprise, false,            ,                 gather,    new_caller_chooses,                false",
    })
    void theShippedTable(int hour, boolean businessHours, String tier, boolean openConversation, String resolutionStatus,
                         String action, String row, boolean readCaseStatus) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("localHour", hour);
        inputs.put("businessHours", businessHours);
        inputs.put("tier", tier);
        inputs.put("hasOpenConversation", openConversation);
        inputs.put("resolutionStatus", resolutionStatus);
        JsonPath result = given().auth().preemptive().basic("analyst", "analyst").contentType(ContentType.JSON)
                .body(inputs).queryParam("version", 1).when().post("/api/v1/policies/voice-menu/evaluate")
                .then().statusCode(200).extract().jsonPath();

        assertThat(result.getString("outputs.'voice-menu'.action")).isEqualTo(action);
        assertThat(result.getBoolean("outputs.'voice-menu'.readCaseStatus")).isEqualTo(readCaseStatus);
        assertThat(result.getString("outputs.'voice-menu'.say")).startsWith("Thank you for calling.");
        assertThat(result.getList("fired.id", String.class)).containsExactly(row);
    }
}
