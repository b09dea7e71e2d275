package io.continuum.access;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccessTest {

    @ParameterizedTest
    @ValueSource(strings = {"admin", "supervisor", "analyst", "agent", "engineer", "api", "developer"})
    void everyDemoUserSignsInWithTheRoleOfTheSameName(String user) {
        given().auth().preemptive().basic(user, user)
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("username", equalTo(user))
                .body("roles", contains(user))
                .body("authMode", equalTo("demo"));
    }

    @Test
    void anonymousCallsGetAProblemAndABasicChallenge() {
        given().when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Basic realm=\"continuum\"")
                .body("type", equalTo("https://continuum.io/problems/unauthorized"))
                .body("title", equalTo("Unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/me"));
    }

    @Test
    void theUiGetsNoBrowserPasswordDialog() {
        given().header("X-Requested-With", "XMLHttpRequest")
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .header("WWW-Authenticate", nullValue())
                .body("status", equalTo(401));
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        given().auth().preemptive().basic("admin", "Admin")
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void unknownUserIsUnauthorized() {
        given().auth().preemptive().basic("mallory", "mallory")
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void wrongRoleIsForbiddenWithAProblem() {
        given().auth().preemptive().basic("engineer", "engineer")
                .contentType("application/json").body("{}")
                .when().post("/severity")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/forbidden"))
                .body("status", equalTo(403));
    }

    @Test
    void theUiLearnsItSignsInWithDemoUsers() {
        given().when().get("/api/v1/auth/config")
                .then().statusCode(200)
                .body("mode", equalTo("demo"));
    }
}
