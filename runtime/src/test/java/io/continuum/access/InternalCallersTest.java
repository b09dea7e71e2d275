package io.continuum.access;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

/**
 * The jobs service's endpoints (schedule a timer, fire it back) admit only requests carrying the
 * internal-callers secret. The test app runs behind a pretend proxy on loopback (trusted proxy
 * 127.0.0.1), so a forged X-Forwarded-For or Forwarded header is believed as the client address:
 * exactly the set-up in which the address check used to let anyone in.
 */
@QuarkusTest
class InternalCallersTest {

    @Inject
    InternalCallers internalCallers;

    private static final String FIRE_TIMER = "/management/jobs/agent-handoff/instances/" + UUID.randomUUID()
            + "/timers/" + UUID.randomUUID();

    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-For", "Forwarded"})
    void aForgedLoopbackAddressCannotScheduleATimer(String header) {
        given().header(header, header.equals("Forwarded") ? "for=127.0.0.1" : "127.0.0.1")
                .contentType(ContentType.JSON)
                .body(Map.of("id", UUID.randomUUID().toString()))
                .when().post("/v2/jobs")
                .then().statusCode(oneOf(401, 403));
        given().header(header, header.equals("Forwarded") ? "for=127.0.0.1" : "127.0.0.1")
                .contentType(ContentType.JSON).body("{}")
                .when().post("/jobs")
                .then().statusCode(oneOf(401, 403));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-For", "Forwarded"})
    void aForgedLoopbackAddressCannotFireOrCancelATimer(String header) {
        String address = header.equals("Forwarded") ? "for=127.0.0.1" : "127.0.0.1";
        given().header(header, address).contentType(ContentType.JSON).body("{}")
                .when().post(FIRE_TIMER)
                .then().statusCode(oneOf(401, 403));
        given().header(header, address)
                .when().delete("/v2/jobs/{id}", UUID.randomUUID())
                .then().statusCode(oneOf(401, 403));
        given().header(header, address).contentType(ContentType.JSON).body("{}")
                .when().post("/callback")
                .then().statusCode(oneOf(401, 403));
    }

    @Test
    void aWrongSecretOrASignedInUserIsNoInternalCaller() {
        given().header(InternalCallers.HEADER, internalCallers.secret() + "x")
                .when().get("/v2/jobs/{id}", UUID.randomUUID())
                .then().statusCode(oneOf(401, 403));
        given().auth().preemptive().basic("admin", "admin")
                .when().get("/v2/jobs/{id}", UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void theSecretAdmitsTheJobsService() {
        given().header(InternalCallers.HEADER, internalCallers.secret())
                .when().get("/v2/jobs/{id}", UUID.randomUUID())
                .then().statusCode(not(in(new Integer[]{401, 403})));
    }
}
