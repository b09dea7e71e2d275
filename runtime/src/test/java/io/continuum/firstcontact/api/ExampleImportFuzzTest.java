package io.continuum.firstcontact.api;

import io.continuum.firstcontact.Intent;
import io.continuum.support.Fuzz;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever CSV arrives at the classifier's example import, the answer is 201 or a 4xx problem JSON, never a
 * 5xx; a refused import adds no example at all, an accepted one adds exactly the examples it reports.
 */
@QuarkusTest
class ExampleImportFuzzTest {

    private static final int CASES = 60;
    private static final List<String> INTENTS = Arrays.stream(Intent.values()).map(Intent::wireName).toList();

    @Inject
    DataSource database;

    private final Fuzz fuzz = new Fuzz("CSV example import");

    private String field() {
        String value = fuzz.chance(0.5) ? fuzz.text() : "example " + fuzz.between(0, 99);
        if (fuzz.chance(0.5)) {
            return "\"" + value.replace("\"", fuzz.chance(0.8) ? "\"\"" : "\"") + (fuzz.chance(0.9) ? "\"" : "");
        }
        return value;
    }

    private String document() {
        if (fuzz.chance(0.1)) {
            return fuzz.text();
        }
        String separator = fuzz.oneOf(List.of("\n", "\r\n", "\r", "\n\n"));
        StringBuilder csv = new StringBuilder(fuzz.chance(0.1) ? "\uFEFF" : "");
        List<String> header = fuzz.chance(0.8) ? List.of("text", "intent", "p0") : List.of(field(), field());
        csv.append(String.join(",", header)).append(separator);
        for (int row = fuzz.between(0, 4); row > 0; row--) {
            String intent = fuzz.chance(0.7) ? fuzz.oneOf(INTENTS) : field();
            String p0 = fuzz.oneOf(List.of("", "true", "false", "TRUE", " yes", field()));
            String text = field();
            csv.append(fuzz.chance(0.1) ? text : text + "," + intent + (fuzz.chance(0.7) ? "," + p0 : "")).append(separator);
        }
        return fuzz.chance(0.1) ? fuzz.mutate(csv.toString()) : csv.toString();
    }

    private long examples() throws SQLException {
        try (var connection = database.getConnection();
             var result = connection.createStatement().executeQuery("SELECT count(*) FROM intent_example")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void anyCsvIsImportedWholeOrRefusedAsAProblemWithNothingAdded() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            String csv = document();
            long before = examples();
            Response response = given().auth().preemptive().basic("supervisor", "supervisor")
                    .contentType(fuzz.oneOf(List.of("text/csv", "text/csv; charset=UTF-8", "text/csv; charset=ISO-8859-1")))
                    .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/ai/examples");
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String what = "case " + i + " (" + csv.substring(0, Math.min(csv.length(), 300)) + ")";

            assertThat(status).as("status of %s", what).isLessThan(500);
            if (status == 201) {
                assertThat(examples() - before).as("examples added by %s", what).isEqualTo(response.jsonPath().getLong("added"));
            } else {
                assertThat(status).as("status of %s", what).isBetween(400, 499);
                assertThat(response.contentType()).as("problem JSON for %s", what).startsWith("application/problem+json");
                assertThat(examples()).as("nothing added by %s", what).isEqualTo(before);
            }
        }
        System.out.printf("[fuzz] CSV example import: %d cases, answers by status %s%n", CASES, statuses);
        assertThat(statuses).as("the generator reaches both acceptance and refusal").containsKeys(201, 400);
    }
}
