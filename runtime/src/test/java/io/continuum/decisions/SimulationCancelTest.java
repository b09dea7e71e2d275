package io.continuum.decisions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A long what-if run reports its progress and stops when asked, keeping what it replayed so far. */
@QuarkusTest
class SimulationCancelTest {

    private static final int DECISIONS = 200_000;

    @Inject
    EntityManager entityManager;

    @Test
    void aLongSimulationShowsProgressAndCanBeCancelled() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "INSERT INTO decision_log (id, policy_name, policy_version, inputs, outputs, fired, duration_micros, evaluated_at) "
                                + "SELECT gen_random_uuid(), 'severity', 1, "
                                + "jsonb_build_object('intent', 'how_to_guidance', 'moneySignal', n % 2 = 0, 'securitySignal', false, "
                                + "'legalSignal', false, 'outageSignal', false, 'tier', 'free', 'sentiment', 0), "
                                + "jsonb_build_object('severity', CASE WHEN n % 2 = 0 THEN 'P0' ELSE 'P3' END), '[]', 10, "
                                + "CAST(?1 AS timestamptz) + n * interval '1 millisecond' "
                                + "FROM generate_series(1, " + DECISIONS + ") AS n")
                .setParameter(1, start.toString()).executeUpdate());
        String softer = PolicyStoreTest.baseline("decision-tables/severity.dmn")
                .replace("<outputEntry id=\"r1_o1\"><text>\"P0\"</text></outputEntry>",
                        "<outputEntry id=\"r1_o1\"><text>\"P1\"</text></outputEntry>");
        int draft = PolicyStoreTest.upload("severity", softer);

        JsonPath running = as("analyst").queryParam("wait", "PT0S")
                .body(Map.of("since", start.toString(), "limit", 1_000_000))
                .when().post("/api/v1/policies/severity/versions/{v}/simulate", draft)
                .then().statusCode(202).extract().jsonPath();
        assertThat(running.getString("status")).isEqualTo("running");
        String id = running.getString("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> as("analyst")
                .when().get("/api/v1/policies/severity/simulations/{id}", id).then().extract().jsonPath().getInt("processed") > 0);

        JsonPath cancelled = as("analyst").when().post("/api/v1/policies/severity/simulations/{id}/cancel", id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getInt("total")).isGreaterThanOrEqualTo(DECISIONS);
        assertThat(cancelled.getInt("processed")).isPositive().isLessThan(cancelled.getInt("total"));
        // decisions about customers other tests erased are counted, not replayed
        assertThat(cancelled.getInt("report.replayed") + cancelled.getInt("report.erased")).isEqualTo(cancelled.getInt("processed"));
        as("analyst").when().post("/api/v1/policies/severity/simulations/{id}/cancel", id).then().statusCode(409);
    }
}
