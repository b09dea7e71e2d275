package io.continuum.decisions.api;

import io.continuum.support.Fuzz;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever source is uploaded as a new version of a DMN or DRL policy (mutations of the live model, garbage,
 * any declared content type), the answer is 201 or a 4xx problem JSON, never a 5xx; a refused upload leaves
 * no version behind, an accepted one adds exactly one. Nothing is published.
 */
@QuarkusTest
class PolicyUploadFuzzTest {

    private static final int CASES_PER_POLICY = 25;
    /** One decision table and one rule set: their uploaders (DRL is code: developers), how a comment is written */
    private static final Map<String, String> POLICIES = Map.of("severity", "analyst", "escalation-triggers", "developer");
    private static final Map<String, List<String>> COMMENTS = Map.of("severity", List.of("<!-- ", " -->"),
            "escalation-triggers", List.of("// ", ""));

    private final Fuzz fuzz = new Fuzz("policy upload");

    private static int versions(String policy) {
        return given().auth().preemptive().basic("analyst", "analyst").get("/api/v1/policies/" + policy + "/versions")
                .then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    private static String liveSource(String policy) {
        return given().auth().preemptive().basic("analyst", "analyst").get("/api/v1/policies/" + policy + "/versions/1")
                .then().statusCode(200).extract().jsonPath().getString("source");
    }

    /** The source with a comment of odd text on a line of its own: still a valid model, mostly. */
    private String commented(String source, List<String> comment) {
        List<String> lines = new java.util.ArrayList<>(source.lines().toList());
        String text = fuzz.text().replaceAll("[\\r\\n]", " ").replace("--", "- ");
        lines.add(fuzz.between(1, lines.size()), comment.get(0) + text + comment.get(1));
        return String.join("\n", lines);
    }

    @Test
    void aNulInAModelUploadedAsPlainBytesIsDroppedNotAServerError() {
        String source = liveSource("escalation-triggers");
        int firstLineEnd = source.indexOf('\n');
        String withNul = source.substring(0, firstLineEnd) + "\n// a comment with a NUL \u0000 in it" + source.substring(firstLineEnd);

        int version = given().auth().preemptive().basic("developer", "developer").contentType("application/octet-stream")
                .body(withNul.getBytes(StandardCharsets.UTF_8)).post("/api/v1/policies/escalation-triggers/versions")
                .then().statusCode(201).extract().jsonPath().getInt("version");
        String stored = given().auth().preemptive().basic("analyst", "analyst")
                .get("/api/v1/policies/escalation-triggers/versions/" + version)
                .then().statusCode(200).extract().jsonPath().getString("source");
        assertThat(stored).contains("// a comment with a NUL  in it").doesNotContain("\u0000");
    }

    @Test
    void anyUploadIsAVersionOrAProblemWithNothingStored() {
        Map<Integer, Integer> statuses = new TreeMap<>();
        POLICIES.forEach((policy, uploader) -> {
            String source = liveSource(policy);
            for (int i = 0; i < CASES_PER_POLICY; i++) {
                String upload = fuzz.chance(0.1) ? fuzz.text()
                        : fuzz.chance(0.5) ? commented(source, COMMENTS.get(policy)) : fuzz.mutate(source);
                byte[] body = fuzz.chance(0.1) ? fuzz.garbage() : upload.getBytes(StandardCharsets.UTF_8);
                int before = versions(policy);
                Response response = given().auth().preemptive().basic(uploader, uploader)
                        .contentType(fuzz.oneOf(List.of("text/plain", "application/xml", "text/xml; charset=UTF-8",
                                "application/octet-stream", "text/plain; charset=ISO-8859-1")))
                        .queryParam("comment", "fuzz " + i)
                        .body(body).post("/api/v1/policies/" + policy + "/versions");
                int status = response.statusCode();
                statuses.merge(status, 1, Integer::sum);
                String what = policy + " case " + i;

                assertThat(status).as("status of %s", what).isLessThan(500);
                if (status == 201) {
                    assertThat(versions(policy)).as("versions after %s", what).isEqualTo(before + 1);
                } else {
                    assertThat(status).as("status of %s", what).isBetween(400, 499);
                    assertThat(response.contentType()).as("problem JSON for %s", what).startsWith("application/problem+json");
                    assertThat(versions(policy)).as("no version left by %s", what).isEqualTo(before);
                }
            }
        });
        System.out.printf("[fuzz] policy upload: %d cases, answers by status %s%n", CASES_PER_POLICY * POLICIES.size(), statuses);
        assertThat(statuses).as("the generator reaches acceptance and refusal").containsKeys(201, 422);
    }
}
