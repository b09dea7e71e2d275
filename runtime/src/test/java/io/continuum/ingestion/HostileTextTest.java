package io.continuum.ingestion;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.customer;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Text PostgreSQL cannot store, or that carries nothing readable, is taken in and triaged, never a 500. */
@QuarkusTest
class HostileTextTest {

    private static String firstMessage(JsonPath view) {
        List<Map<String, Object>> timeline = view.getList("timeline");
        return timeline.stream().filter(e -> "message".equals(e.get("type"))).map(e -> (String) e.get("content"))
                .findFirst().orElseThrow();
    }

    @Test
    void nulCharactersAreRemovedFromMessagesAndNamesOnTheWayIn() {
        JsonPath accepted = receive(inbound("email", sender(uniqueEmail("nul"), null, null, "Eve\u0000 Null", null),
                "my invoice\u0000 is wrong \uD800 twice"));

        JsonPath view = conversation(accepted.getString("conversationId"));
        assertThat(firstMessage(view)).isEqualTo("my invoice is wrong \uFFFD twice");
        assertThat(customer(view.getString("customerId")).getString("displayName")).isEqualTo("Eve Null");
        await().atMost(Duration.ofSeconds(20)).until(() -> conversation(accepted.getString("conversationId")).getString("intent") != null);
    }

    @Test
    void aMessageOfOnlyZeroWidthAndFormatCharactersIsStoredAndTriaged() {
        String invisible = "\u200B\u200C\u200D\u2060\uFEFF\u202E";
        JsonPath accepted = receive(inbound("email", sender(uniqueEmail("invisible"), null, null, null, null), invisible));

        assertThat(firstMessage(conversation(accepted.getString("conversationId")))).isEqualTo(invisible);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath view = conversation(accepted.getString("conversationId"));
            assertThat(view.getString("intent")).as("a fallback classification is still a classification").isNotNull();
            assertThat(view.getString("queue")).isNotNull();
        });
    }

    @Test
    void searchAndClassificationTakeNulWithoutAServerError() {
        as("agent").queryParam("q", "pass\u0000word reset").get("/api/v1/kb/search").then().statusCode(200);
        as("agent").body(Map.of("text", "refund\u0000 please")).post("/api/v1/ai/classify").then().statusCode(200);
        as("agent").body(Map.of("text", "\u200B\u200D")).post("/api/v1/ai/classify").then().statusCode(200);
        // an unknown intent: refused as a problem, after the NUL was read without breaking anything
        as("supervisor").contentType("text/csv").body("text,intent\nrefund\u0000 my order,no_such\u0000intent\n")
                .post("/api/v1/ai/examples").then().statusCode(400);
    }
}
