package io.continuum.access;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** One permission rule: everything needs a signed-in user except the public list; Kogito's own endpoints are for admins. */
@QuarkusTest
class DenyByDefaultTest {

    @Test
    void aNewEndpointWithoutAnyRuleIsNotReachableAnonymously() {
        given().when().get("/probe-added-without-a-rule")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "supervisor", "analyst", "engineer", "api", "developer"})
    void aNewEndpointWithoutAnyRuleIsForAdminsOnly(String user) {
        given().auth().preemptive().basic(user, user)
                .when().get("/probe-added-without-a-rule")
                .then().statusCode(403);
        given().auth().preemptive().basic("admin", "admin")
                .when().get("/probe-added-without-a-rule")
                .then().statusCode(200).body(equalTo("reachable"));
    }

    @Test
    void anAgentCannotImpersonateSomeoneOnTheUserTaskInbox() {
        given().auth().preemptive().basic("agent", "agent")
                .queryParam("user", "supervisor").queryParam("group", "supervisor")
                .when().get("/usertasks/instance")
                .then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().preemptive().basic("agent", "agent")
                .queryParam("user", "supervisor").queryParam("group", "supervisor")
                .contentType(ContentType.JSON)
                .body(Map.of("transitionId", "complete", "data", Map.of()))
                .when().post("/usertasks/instance/{id}/transition", UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void anAgentCannotStartAbortOrRewriteAHandoffThroughKogito() {
        given().auth().preemptive().basic("agent", "agent")
                .queryParam("user", "admin").queryParam("group", "admin")
                .contentType(ContentType.JSON)
                .body(Map.of("conversationId", UUID.randomUUID().toString(), "queue", "billing", "firstResponseDue", "PT1H"))
                .when().post("/agent-handoff")
                .then().statusCode(403);
        given().auth().preemptive().basic("agent", "agent")
                .queryParam("user", "admin").queryParam("group", "admin")
                .when().delete("/agent-handoff/{id}", UUID.randomUUID())
                .then().statusCode(403);
        given().auth().preemptive().basic("supervisor", "supervisor")
                .when().delete("/management/processes/agent-handoff/instances/{id}", UUID.randomUUID())
                .then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/severity", "/routing", "/sla-policy", "/escalations", "/fallbacks", "/failsafe-verdicts"})
    void generatedDecisionEndpointsAreForAdminsOnly(String path) {
        given().contentType(ContentType.JSON).body("{}").when().post(path).then().statusCode(401);
        given().auth().preemptive().basic("analyst", "analyst")
                .contentType(ContentType.JSON).body("{}")
                .when().post(path)
                .then().statusCode(403);
    }

    @Test
    void theUiPagesForbidInlineScriptsAndFraming() {
        given().when().get("/index.html")
                .then()
                .header("Content-Security-Policy", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("script-src 'self';"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("unsafe-eval")),
                        org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    @Test
    void thePublicListStaysPublic() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/api/v1/auth/config").then().statusCode(200);
        given().when().get("/widget.js").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/webhooks/whatsapp")
                .then().statusCode(401);
    }
}
