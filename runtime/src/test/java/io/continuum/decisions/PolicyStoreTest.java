package io.continuum.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.continuum.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** The policy store: baseline import, validation before anything is stored, publish, rollback. */
@QuarkusTest
class PolicyStoreTest {

    static String baseline(String file) throws Exception {
        return Files.readString(Path.of("..", file));
    }

    static int upload(String policy, String source) {
        return given().auth().preemptive().basic("analyst", "analyst")
                .contentType(ContentType.TEXT).body(source).queryParam("comment", "test change")
                .when().post("/api/v1/policies/{name}/versions", policy)
                .then().statusCode(201)
                .body("status", equalTo("validated"))
                .body("author", equalTo("analyst"))
                .extract().path("version");
    }

    static int liveVersion(String policy) {
        List<Map<String, Object>> policies = as("agent").when().get("/api/v1/policies")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return policies.stream().filter(p -> policy.equals(p.get("name"))).map(p -> (Integer) p.get("liveVersion"))
                .findFirst().orElseThrow();
    }

    static void publish(String policy, int version) {
        as("analyst").when().post("/api/v1/policies/{name}/versions/{v}/publish", policy, version)
                .then().statusCode(200).body("status", equalTo("published")).body("publishedBy", equalTo("analyst"));
    }

    static JsonPath evaluate(String policy, Integer version, Map<String, Object> inputs) {
        var request = as("analyst").body(inputs);
        if (version != null) {
            request.queryParam("version", version);
        }
        return request.when().post("/api/v1/policies/{name}/evaluate", policy).then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> defectReport(String tier) {
        return Map.of("intent", "bug_technical_defect", "moneySignal", false, "securitySignal", false,
                "legalSignal", false, "outageSignal", false, "tier", tier, "sentiment", 0);
    }

    @Test
    void everyBaselineFileIsAPolicyWithItsFileAsVersionOne() throws Exception {
        as("agent").when().get("/api/v1/policies").then().statusCode(200)
                .body("name", hasItem("severity")).body("name", hasItem("escalation-triggers"))
                .body("find { it.name == 'severity' }.kind", equalTo("dmn"))
                .body("find { it.name == 'escalation-triggers' }.kind", equalTo("drl"));
        as("agent").when().get("/api/v1/policies/severity/versions/1").then().statusCode(200)
                .body("author", equalTo("baseline"))
                .body("comment", equalTo("Imported from decision-tables/severity.dmn"))
                .body("source", equalTo(baseline("decision-tables/severity.dmn")));
    }

    @Test
    void publishedVersionDecidesAtOnceAndRollbackRestoresTheEarlierOne() throws Exception {
        int before = liveVersion("severity");
        String stricter = baseline("decision-tables/severity.dmn")
                .replace("<outputEntry id=\"r9_o1\"><text>\"P2\"</text></outputEntry>",
                        "<outputEntry id=\"r9_o1\"><text>\"P1\"</text></outputEntry>");
        int draft = upload("severity", stricter);
        try {
            assertThat(evaluate("severity", draft, defectReport("free")).getString("outputs.severity")).isEqualTo("P1");
            assertThat(evaluate("severity", null, defectReport("free")).getString("outputs.severity"))
                    .as("a draft decides nothing until it is published").isEqualTo("P2");

            publish("severity", draft);

            JsonPath live = evaluate("severity", null, defectReport("free"));
            assertThat(live.getString("outputs.severity")).isEqualTo("P1");
            assertThat(live.getInt("version")).isEqualTo(draft);
            assertThat(live.getList("fired.id", String.class)).contains("defect_reported");
            as("agent").when().get("/api/v1/policies/severity/versions").then().statusCode(200)
                    .body("find { it.version == " + before + " }.status", equalTo("retired"))
                    .body("find { it.version == " + draft + " }.status", equalTo("published"));
        } finally {
            as("supervisor").body(Map.of("toVersion", before)).when().post("/api/v1/policies/severity/rollback")
                    .then().statusCode(200).body("version", equalTo(before)).body("status", equalTo("published"));
        }
        assertThat(evaluate("severity", null, defectReport("free")).getString("outputs.severity")).isEqualTo("P2");
        assertThat(liveVersion("severity")).isEqualTo(before);
    }

    @Test
    void malformedDmnIsRefusedWithItsLineAndNothingChanges() throws Exception {
        int live = liveVersion("severity");
        String broken = baseline("decision-tables/severity.dmn").replace("</decisionTable>", "</decisionTabel>");
        as("analyst").contentType(ContentType.TEXT).body(broken)
                .when().post("/api/v1/policies/severity/versions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/invalid-policy"))
                .body("errors[0].line", greaterThan(1))
                .body("errors[0].message", notNullValue());
        assertThat(liveVersion("severity")).isEqualTo(live);
    }

    @Test
    void decisionTableWithAnUnknownOutputValueIsRefused() throws Exception {
        String invalid = baseline("decision-tables/severity.dmn")
                .replace("<outputEntry id=\"r9_o1\"><text>\"P2\"</text></outputEntry>",
                        "<outputEntry id=\"r9_o1\"><text>\"P9\"</text></outputEntry>");
        as("analyst").contentType(ContentType.TEXT).body(invalid)
                .when().post("/api/v1/policies/severity/versions")
                .then().statusCode(422)
                .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("P9")));
    }

    @Test
    void drlWithASyntaxErrorIsRefusedWithLineAndColumn() throws Exception {
        String broken = baseline("rules/escalation-triggers.drl")
                .replace("$s: /signals[ aiConfidence < 0.5, !personAnswered ]", "$s: /signals[ aiConfidence < , !personAnswered ]");
        JsonPath problem = as("developer").contentType(ContentType.TEXT).body(broken)
                .when().post("/api/v1/policies/escalation-triggers/versions")
                .then().statusCode(422).extract().jsonPath();
        int expectedLine = lineContaining(broken, "aiConfidence < ,");
        assertThat(problem.getList("errors.line", Integer.class)).contains(expectedLine);
    }

    @Test
    void drlNamingAnUnknownRuleUnitIsRefused() throws Exception {
        String wrongUnit = baseline("rules/escalation-triggers.drl").replace("unit EscalationTriggers;", "unit NoSuchUnit;");
        as("developer").contentType(ContentType.TEXT).body(wrongUnit)
                .when().post("/api/v1/policies/escalation-triggers/versions")
                .then().statusCode(422)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("NoSuchUnit"));
    }

    @Test
    void liveRuleUnitIsEvaluatedAtRunTimeAndNamesTheRulesThatFired() {
        Map<String, Object> signals = Map.of("conversationId", "c-1", "lastMessage", "I will call my lawyer",
                "customerAskedForHuman", false, "aiConfidence", 0.2, "sentimentTrend", 0, "minutesWaiting", 1);
        JsonPath result = evaluate("escalation-triggers", null, Map.of("signals", List.of(signals)));
        assertThat(result.getList("outputs.triggers.rule", String.class))
                .containsExactlyInAnyOrder("risk-keyword", "low-ai-confidence");
        assertThat(result.getList("fired.id", String.class)).containsExactlyInAnyOrder("risk-keyword", "low-ai-confidence");
    }

    @Test
    void unknownInputOfARuleUnitIsABadRequest() {
        as("analyst").body(Map.of("signalz", List.of()))
                .when().post("/api/v1/policies/escalation-triggers/evaluate")
                .then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("signalz"));
    }

    @Test
    void agentsReadPoliciesButMayNotChangeThem() throws Exception {
        as("agent").when().get("/api/v1/policies/severity/versions").then().statusCode(200);
        given().auth().preemptive().basic("agent", "agent").contentType(ContentType.TEXT)
                .body(baseline("decision-tables/severity.dmn"))
                .when().post("/api/v1/policies/severity/versions").then().statusCode(403);
        as("agent").when().post("/api/v1/policies/severity/versions/1/publish").then().statusCode(403);
    }

    @Test
    void unknownPolicyIsNotFound() {
        as("agent").when().get("/api/v1/policies/no-such-policy/versions").then().statusCode(404);
    }

    private static int lineContaining(String source, String fragment) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(fragment);
    }
}
