package io.continuum.firstcontact;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Pins decision-tables/severity.dmn row by row through the endpoint Kogito generates from it.
 * Each line names the row it exercises; PRIORITY means the most severe matching row wins.
 */
@QuarkusTest
class SeverityDecisionTableTest {

    @ParameterizedTest(name = "{0}: {1} money={2} security={3} legal={4} outage={5} {6} sentiment {7} -> {8}")
    @CsvSource({
            // row,                        intent,                       money, security, legal, outage, tier,        sentiment, severity
            "money_at_stake,               how_to_guidance,              true,  false,    false, false,  free,         0.0,      P0",
            "security_or_trust_at_stake,   account_access_issue,         false, true,     false, false,  standard,     0.0,      P0",
            "enterprise_outage,            bug_technical_defect,         false, false,    false, true,   enterprise,   0.0,      P0",
            "outage_reported (premium),    bug_technical_defect,         false, false,    false, true,   premium,      0.0,      P1",
            "urgent_high_risk_intent,      urgent_high_risk,             false, false,    false, false,  free,         0.0,      P1",
            "outage_reported,              bug_technical_defect,         false, false,    false, true,   free,         0.0,      P1",
            "legal_threat,                 how_to_guidance,              false, false,    true,  false,  free,         0.0,      P1",
            "transaction_failed,           transaction_system_failure,   false, false,    false, false,  free,         0.0,      P1",
            "paying_customer_locked_out,   account_access_issue,         false, false,    false, false,  enterprise,   0.0,      P1",
            "locked_out,                   account_access_issue,         false, false,    false, false,  free,         0.0,      P2",
            "defect_reported,              bug_technical_defect,         false, false,    false, false,  premium,      0.0,      P2",
            "very_unhappy_customer,        how_to_guidance,              false, false,    false, false,  free,        -0.8,      P2",
            "everything_else (how-to),     how_to_guidance,              false, false,    false, false,  enterprise,   0.5,      P3",
            "everything_else (noise),      noise_low_intent,             false, false,    false, false,  free,         0.0,      P3",
            "priority: money beats legal,  urgent_high_risk,             true,  false,    true,  false,  free,        -0.9,      P0",
    })
    void decidesSeverityPerRow(String row, String intent, boolean money, boolean security, boolean legal,
                               boolean outage, String tier, double sentiment, String expected) {
        given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(Map.of("intent", intent, "moneySignal", money, "securitySignal", security,
                        "legalSignal", legal, "outageSignal", outage, "tier", tier, "sentiment", sentiment))
                .when().post("/severity")
                .then().statusCode(200)
                .body("severity", equalTo(expected));
    }
}
