package io.continuum.firstcontact;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class ClassifierApiTest {

    @Test
    void classifyAnswersIntentSeverityFromTheLivePolicySentimentEntitiesAndSignals() {
        JsonPath result = as("agent").body(Map.of("text", "Someone stole money from my account, card ending in 4242!!!"))
                .when().post("/api/v1/ai/classify")
                .then().statusCode(200).extract().jsonPath();
        assertThat(result.getString("intent")).isEqualTo("urgent_high_risk");
        assertThat(result.getDouble("confidence")).isBetween(0.0, 1.0);
        assertThat(result.getString("severity")).isEqualTo("P0");
        assertThat(result.getDouble("sentiment")).isBetween(-1.0, 1.0);
        assertThat(result.getList("entities")).contains(Map.of("type", "card_last4", "value", "4242"));
        assertThat(result.getMap("signals")).containsOnlyKeys("money", "security", "legal", "outage");
        assertThat(result.getBoolean("signals.security")).isTrue();
        assertThat(result.getInt("exampleSetVersion")).isPositive();
    }

    @Test
    void howToQuestionIsP3() {
        as("api").body(Map.of("text", "How do I download my invoices as PDF?", "tier", "premium", "channel", "email"))
                .when().post("/api/v1/ai/classify")
                .then().statusCode(200)
                .body("intent", is("how_to_guidance"))
                .body("severity", is("P3"));
    }

    @Test
    void classifyWithoutTextIsAProblemNamingTheField() {
        as("agent").body(Map.of("tier", "premium"))
                .when().post("/api/v1/ai/classify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("text"));
    }

    @Test
    void jsonExamplesAreAddedAsANewVersion() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        JsonPath first = as("analyst").body(List.of(
                        Map.of("text", "Could you send me the onboarding guide " + marker, "intent", "how_to_guidance"),
                        Map.of("text", "The calendar view shows wrong weekdays " + marker, "intent", "bug_technical_defect")))
                .when().post("/api/v1/ai/examples")
                .then().statusCode(201).extract().jsonPath();
        assertThat(first.getInt("added")).isEqualTo(2);
        JsonPath second = as("supervisor").body(List.of(Map.of("text", "cheers " + marker, "intent", "noise_low_intent")))
                .when().post("/api/v1/ai/examples")
                .then().statusCode(201).extract().jsonPath();
        assertThat(second.getInt("version")).isGreaterThan(first.getInt("version"));
        assertThat(as("agent").body(Map.of("text", "cheers")).when().post("/api/v1/ai/classify")
                .then().statusCode(200).extract().jsonPath().getInt("exampleSetVersion"))
                .isGreaterThanOrEqualTo(second.getInt("version"));
    }

    @Test
    void csvExamplesIgnoreExtraColumns() {
        String csv = "source_id,text,intent,comment\n"
                + "17,\"Hi, my parcel tracking page is blank\",bug_technical_defect,from the forum\n"
                + "18,Where can I see my loyalty points?,how_to_guidance,\n";
        as("admin").contentType("text/csv").body(csv)
                .when().post("/api/v1/ai/examples")
                .then().statusCode(201)
                .body("added", is(2));
    }

    @Test
    void csvWithoutHeaderIsRefused() {
        as("admin").contentType("text/csv").body("Where can I see my loyalty points?,how_to_guidance\n")
                .when().post("/api/v1/ai/examples")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("header row"));
    }

    @Test
    void badIntentIsRefusedNamingTheRowAndNothingIsAdded() {
        as("analyst").contentType("text/csv")
                .body("text,intent\nWhere can I see my loyalty points?,how_to_guidance\nMy app crashes,crash\n")
                .when().post("/api/v1/ai/examples")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].line", is(3))
                .body("errors[0].field", is("intent"))
                .body("errors[0].message", containsString("crash"));
        as("analyst").body(List.of(Map.of("text", "hello", "intent", "greeting")))
                .when().post("/api/v1/ai/examples")
                .then().statusCode(400)
                .body("errors[0].field", is("[0].intent"));
    }

    @Test
    void onlyPeopleWhoOwnTheExamplesMayAddThem() {
        as("engineer").body(List.of(Map.of("text", "hello", "intent", "noise_low_intent")))
                .when().post("/api/v1/ai/examples")
                .then().statusCode(403);
        as("agent").body(List.of(Map.of("text", "hello", "intent", "noise_low_intent")))
                .when().post("/api/v1/ai/examples")
                .then().statusCode(403);
        as("engineer").body(Map.of("text", "hello"))
                .when().post("/api/v1/ai/classify")
                .then().statusCode(403);
    }
}
