package io.continuum.retention;

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
 * Pins decision-tables/retention-policy.dmn as shipped (version 1 in the policy store, the same file Kogito
 * compiles at build time): its one row keeps everything, whatever the channel, state, tier and age, until a
 * supervisor publishes rows of their own.
 */
@QuarkusTest
class RetentionPolicyDecisionTableTest {

    @ParameterizedTest(name = "{0} {1} {2} {3} days → {4} by {5}")
    @CsvSource({
            // channel, state,     tier,       ageInDays, outcome, row
            "email,     resolved,  free,       0,         keep,    keep_until_a_supervisor_decides",
            "email,     resolved,  free,       3650,      keep,    keep_until_a_supervisor_decides",
            "web_chat,  open,      enterprise, 1,         keep,    keep_until_a_supervisor_decides",
            "whatsapp,  escalated, premium,    400,       keep,    keep_until_a_supervisor_decides",
            "sms,       reopened,  standard,   30,        keep,    keep_until_a_supervisor_decides",
            "voice,     resolved,  unknown,    99999,     keep,    keep_until_a_supervisor_decides",
    })
    void theShippedTableKeepsEverything(String channel, String state, String tier, long ageInDays, String outcome,
                                        String row) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("channel", channel);
        inputs.put("state", state);
        inputs.put("tier", tier);
        inputs.put("ageInDays", ageInDays);
        JsonPath result = given().auth().preemptive().basic("analyst", "analyst").contentType(ContentType.JSON)
                .body(inputs).queryParam("version", 1).when().post("/api/v1/policies/retention-policy/evaluate")
                .then().statusCode(200).extract().jsonPath();

        assertThat(result.getString("outputs.'retention-policy'")).isEqualTo(outcome);
        assertThat(result.getList("fired.id", String.class)).containsExactly(row);
    }
}
