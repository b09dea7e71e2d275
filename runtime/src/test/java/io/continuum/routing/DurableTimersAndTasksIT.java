package io.continuum.routing;

import io.continuum.support.PackagedApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Runs the packaged application twice against one PostgreSQL database and proves that
 * a BPMN timer that fell due while the platform was down fires after the restart, and
 * that a human task created before the restart can still be completed after it.
 * Also checks what a fresh start serves: the UI at / and Swagger UI.
 */
class DurableTimersAndTasksIT {

    private static final int PORT = 18080;
    private static final String DB = System.getProperty("continuum.it.db", "continuum_it");
    private static final PackagedApp APP = new PackagedApp(PORT, DB, Path.of("target", "it-app"),
            Map.of("continuum.demo-data", "true"));

    @BeforeAll
    static void freshDatabase() throws SQLException, IOException {
        APP.freshDatabase();
        RestAssured.port = PORT;
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        APP.stop();
    }

    @Test
    void timerDueDuringDowntimeFiresAfterRestartAndTasksSurvive() throws Exception {
        APP.start("first");
        given().when().get("/").then().statusCode(200).body(containsString("<div id=\"app\""));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        List<String> demoChannels = given().auth().preemptive().basic("agent", "agent")
                .when().get("/api/v1/conversations").then().statusCode(200)
                .extract().jsonPath().getList("items.currentChannel", String.class);
        assertThat(demoChannels).as("demo data loaded at first start").contains("email", "whatsapp", "web_chat", "sms");

        Instant timerDue = Instant.now().plusSeconds(15);
        String escalatingHandoff = startHandoff("PT15S");
        String waitingHandoff = startHandoff("PT1H");
        assertThat(tasksOf("agent", escalatingHandoff)).hasSize(1);
        assertThat(tasksOf("agent", waitingHandoff)).hasSize(1);
        assertThat(APP.log("first")).as("the demo data's hand-off timers were scheduled, none refused at start")
                .doesNotContain("Scheduling of job");
        APP.stop();

        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(timerDue.plusSeconds(2)));
        APP.start("second");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(tasksOf("supervisor", escalatingHandoff))
                        .extracting(task -> task.get("taskName"))
                        .containsExactly("EscalatedRespondToCustomer"));

        List<Map<String, Object>> survivingTasks = tasksOf("agent", waitingHandoff);
        assertThat(survivingTasks).singleElement()
                .satisfies(task -> assertThat(task.get("taskName")).isEqualTo("RespondToCustomer"));
        String taskId = (String) survivingTasks.get(0).get("id");
        transition(taskId, "claim");
        transition(taskId, "complete");
        given().auth().preemptive().basic("admin", "admin")
                .when().get("/agent-handoff/{id}", waitingHandoff).then().statusCode(404);
    }

    private static RequestSpecification given() {
        return RestAssured.given();
    }

    private static String startHandoff(String firstResponseDue) {
        return given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(Map.of("conversationId", java.util.UUID.randomUUID().toString(), "queue", "general",
                        "firstResponseDue", firstResponseDue))
                .when().post("/agent-handoff")
                .then().statusCode(201).extract().path("id");
    }

    private static List<Map<String, Object>> tasksOf(String user, String processInstanceId) {
        List<Map<String, Object>> tasks = given().auth().preemptive().basic("admin", "admin")
                .queryParam("user", user).queryParam("group", user)
                .when().get("/usertasks/instance")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return tasks.stream()
                .filter(task -> processInstanceId.equals(((Map<?, ?>) task.get("metadata")).get("ProcessInstanceId")))
                .toList();
    }

    private static void transition(String taskId, String transition) {
        given().auth().preemptive().basic("admin", "admin")
                .queryParam("user", "agent").queryParam("group", "agent")
                .contentType(ContentType.JSON)
                .body(Map.of("transitionId", transition, "data", Map.of("responseSummary", "answered after restart")))
                .when().post("/usertasks/instance/{id}/transition", taskId)
                .then().statusCode(200);
    }

}
