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
}
