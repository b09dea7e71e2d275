package io.continuum.firstcontact;

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
import static org.hamcrest.Matchers.equalTo;

/** What analysts see of the classifier's learning: the messages it was unsure of, and what each example set changed. */
@QuarkusTest
class LearningLoopTest {

    private static List<Map<String, Object>> unsure() {
        return as("analyst").queryParam("limit", 200).when().get("/api/v1/ai/unsure")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static List<Map<String, Object>> report() {
        return as("analyst").when().get("/api/v1/ai/learning-report")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void aMessageTheClassifierWasUnsureOfIsListedForLabellingWithItsReading() {
        // nothing a model can read: the least sure reading there is
        String text = "\u200B\u2060\u200B";
        String messageId = receive(inbound("email", sender(uniqueEmail("unsure"), null, null, null, null), text))
                .getString("messageId");

        await().atMost(Duration.ofSeconds(30)).until(() -> unsure().stream().anyMatch(m -> messageId.equals(m.get("messageId"))));
        Map<String, Object> listed = unsure().stream().filter(m -> messageId.equals(m.get("messageId"))).findFirst().orElseThrow();
        assertThat(listed.get("text")).isEqualTo(text);
        assertThat(((Number) listed.get("confidence")).doubleValue()).isLessThan(0.1);
        assertThat(listed.get("intent")).isNotNull();
        List<Double> confidences = unsure().stream().map(m -> ((Number) m.get("confidence")).doubleValue()).toList();
        assertThat(confidences).isSorted();
    }

    @Test
    void anOutOfRangeListIsRefusedWithAProblem() {
        as("analyst").queryParam("limit", 0).queryParam("days", 400).when().get("/api/v1/ai/unsure")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("days", "limit"));
        as("agent").when().get("/api/v1/ai/unsure").then().statusCode(403);
    }

    @Test
    void everyExampleSetVersionIsEvaluatedOnTheFixedValidationMessagesAndComparedWithTheOneBefore() {
        assertThat(report()).isNotEmpty().first().satisfies(first -> {
            assertThat(first.get("source")).isEqualTo("builtin");
            assertThat(((Number) first.get("accuracy")).doubleValue()).isBetween(0.5, 1.0);
            assertThat(first.get("validationMessages")).isEqualTo(50);
        });

        int version = as("analyst").body(List.of(
                        Map.of("text", "the invoices page spins forever and never shows our invoices", "intent", "bug_technical_defect"),
                        Map.of("text", "is there a way to get invoices in French", "intent", "how_to_guidance")))
                .when().post("/api/v1/ai/examples").then().statusCode(201).body("added", equalTo(2))
                .extract().jsonPath().getInt("version");

        await().atMost(Duration.ofSeconds(30)).until(() -> report().stream().anyMatch(v -> v.get("version").equals(version)));
        Map<String, Object> added = report().stream().filter(v -> v.get("version").equals(version)).findFirst().orElseThrow();
        assertThat(added.get("createdBy")).isEqualTo("analyst");
        assertThat(added.get("examplesAdded")).isEqualTo(2);
        assertThat(added.get("accuracyChange")).isNotNull();
        assertThat(((Number) added.get("examples")).intValue()).isGreaterThan(2);
    }

    private static Map<String, Object> version(int number) {
        return report().stream().filter(v -> v.get("version").equals(number)).findFirst().orElseThrow();
    }

    private static String intentOf(String text) {
        return as("analyst").body(Map.of("text", text)).when().post("/api/v1/ai/classify")
                .then().statusCode(200).extract().path("intent");
    }

    @Test
    void aLabelFromTheUnsureListBecomesAnExampleFromTheStoredMessageAndTheMessageLeavesTheList() {
        String text = "\u200B\u2060\u2060";
        String messageId = receive(inbound("email", sender(uniqueEmail("label"), null, null, null, null), text))
                .getString("messageId");
        await().atMost(Duration.ofSeconds(30)).until(() -> unsure().stream().anyMatch(m -> messageId.equals(m.get("messageId"))));

        as("analyst").body(Map.of("intent", "no_such_intent")).when().post("/api/v1/ai/unsure/{id}/label", messageId)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("intent"));
        as("agent").body(Map.of("intent", "noise_low_intent")).when().post("/api/v1/ai/unsure/{id}/label", messageId)
                .then().statusCode(403);
        int labelled = as("analyst").body(Map.of("intent", "noise_low_intent")).when()
                .post("/api/v1/ai/unsure/{id}/label", messageId).then().statusCode(201)
                .body("messageId", equalTo(messageId)).body("intent", equalTo("noise_low_intent"))
                .extract().path("version");

        assertThat(unsure()).noneMatch(m -> messageId.equals(m.get("messageId")));
        as("analyst").body(Map.of("intent", "bug_technical_defect")).when().post("/api/v1/ai/unsure/{id}/label", messageId)
                .then().statusCode(409).contentType("application/problem+json");
        as("analyst").body(Map.of("intent", "bug_technical_defect")).when()
                .post("/api/v1/ai/unsure/{id}/label", java.util.UUID.randomUUID()).then().statusCode(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> report().stream().anyMatch(v -> v.get("version").equals(labelled)));
        assertThat(version(labelled)).containsEntry("source", "review").containsEntry("createdBy", "analyst")
                .containsEntry("examplesAdded", 1);

        // the label taken back: the message is on the list again and can be labelled anew
        as("supervisor").when().post("/api/v1/ai/examples/versions/{v}/revert", labelled).then().statusCode(200);
        assertThat(unsure()).anyMatch(m -> messageId.equals(m.get("messageId")));
        as("analyst").body(Map.of("intent", "how_to_guidance")).when().post("/api/v1/ai/unsure/{id}/label", messageId)
                .then().statusCode(201).body("intent", equalTo("how_to_guidance"));
    }

    @Test
    void aVersionWhoseLabelsDidNotHelpIsRevertedAndEveryClassificationForgetsItsExamples() {
        String nonsense = "zorblax frobnicator sprocket";
        List<Map<String, Object>> rows = List.of(
                Map.of("text", nonsense, "intent", "urgent_high_risk"),
                Map.of("text", "zorblax frobnicator sprockets", "intent", "urgent_high_risk"),
                Map.of("text", "the zorblax frobnicator sprocket", "intent", "urgent_high_risk"),
                Map.of("text", "zorblax frobnicator sprocket again", "intent", "urgent_high_risk"));
        int added = as("supervisor").body(rows).when().post("/api/v1/ai/examples").then().statusCode(201)
                .extract().path("version");
        assertThat(intentOf(nonsense)).isEqualTo("urgent_high_risk");

        Map<String, Object> reverted = as("supervisor").when().post("/api/v1/ai/examples/versions/{v}/revert", added)
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(reverted).containsEntry("revertedVersion", added).containsEntry("examples", 4);
        int revert = (Integer) reverted.get("version");
        assertThat(revert).isGreaterThan(added);

        await().atMost(Duration.ofSeconds(60)).until(() -> !"urgent_high_risk".equals(intentOf(nonsense)));
        await().atMost(Duration.ofSeconds(30)).until(() -> report().stream().anyMatch(v -> v.get("version").equals(revert)));
        assertThat(version(revert)).containsEntry("source", "revert of version " + added)
                .containsEntry("createdBy", "supervisor").containsEntry("examplesAdded", -4);
        assertThat(((Number) version(revert).get("examples")).intValue())
                .isEqualTo(((Number) version(added).get("examples")).intValue() - 4);

        as("supervisor").when().post("/api/v1/ai/examples/versions/{v}/revert", added)
                .then().statusCode(409).contentType("application/problem+json");
        as("supervisor").when().post("/api/v1/ai/examples/versions/{v}/revert", 1)
                .then().statusCode(409).body("title", equalTo("Built-in examples stay"));
    }

    @Test
    void erasingACustomerDeletesTheExamplesMadeFromTheirMessages() {
        var received = receive(inbound("email", sender(uniqueEmail("forget"), null, null, null, null),
                "My quarzle dashboard widget keeps blinking purple after the update"));
        String conversationId = received.getString("conversationId");
        String customerId = received.getString("customerId");
        await().atMost(Duration.ofSeconds(30)).until(() -> io.continuum.support.Api.conversation(conversationId)
                .getString("intent") != null);
        int corrected = as("agent").body(Map.of("intent", "bug_technical_defect"))
                .when().post("/api/v1/conversations/{id}/corrections", conversationId).then().statusCode(200)
                .extract().path("exampleSetVersion");
        await().atMost(Duration.ofSeconds(30)).until(() -> report().stream().anyMatch(v -> v.get("version").equals(corrected)));
        int examplesBefore = report().stream().mapToInt(v -> ((Number) v.get("examples")).intValue()).reduce((a, b) -> b)
                .orElseThrow();

        as("supervisor").when().delete("/api/v1/customers/{id}?reason=customer-request", customerId).then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> report().stream()
                .anyMatch(v -> "erasure".equals(v.get("source")) && ((Number) v.get("version")).intValue() > corrected));
        Map<String, Object> erasure = report().stream()
                .filter(v -> "erasure".equals(v.get("source")) && ((Number) v.get("version")).intValue() > corrected)
                .findFirst().orElseThrow();
        assertThat(erasure).containsEntry("examplesAdded", -1).containsEntry("createdBy", "erasure");
        assertThat(((Number) erasure.get("examples")).intValue()).isEqualTo(examplesBefore - 1);
    }
}
