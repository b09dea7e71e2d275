package io.continuum.macros;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.customer;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Agents' macros: placeholders filled per conversation, private ones private, actions applied, uses counted. */
@QuarkusTest
class MacrosTest {

    private static Map<String, Object> macro(String name, String body, boolean shared, List<String> tags, String state) {
        Map<String, Object> macro = new HashMap<>();
        macro.put("name", name);
        macro.put("body", body);
        macro.put("shared", shared);
        macro.put("addTags", tags);
        macro.put("changeState", state);
        return macro;
    }

    private static String create(String user, Map<String, Object> macro) {
        return as(user).body(macro).when().post("/api/v1/macros").then().statusCode(201).extract().path("id");
    }

    private static JsonPath apply(String user, String conversationId, String macroId, int status) {
        return as(user).body(Map.of()).when().post("/api/v1/conversations/{id}/macros/{macroId}/apply", conversationId, macroId)
                .then().statusCode(status).extract().jsonPath();
    }

    /** A conversation first contact has triaged, from a customer with this name. */
    private static String conversationOf(String name) {
        String id = receive(inbound("email", sender(uniqueEmail("macro"), null, null, name, null), "My parcel is late"))
                .getString("conversationId");
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(id).getString("intent") != null);
        return id;
    }

    private static String agentNameOf(String username) {
        List<Map<String, Object>> agents = as("supervisor").when().get("/api/v1/agents").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return agents.stream().filter(agent -> username.equals(agent.get("username"))).map(agent -> (String) agent.get("name"))
                .findFirst().orElse(username);
    }

    @Test
    void aMacroFillsItsPlaceholdersSendsAsTheAgentsReplyAppliesItsActionsAndCountsItsUses() {
        String name = "Late parcel " + UUID.randomUUID();
        String macroId = create("agent", macro(name,
                "Hi {{customer.firstName}} ({{customer.name}}), about {{ conversation.token }} / {{conversation.id}}: "
                        + "{{agent.name}} is on it.{{no.such.placeholder}}", false, List.of("late-parcel"), "resolved"));
        String conversationId = conversationOf("Rita Rater");

        JsonPath applied = apply("agent", conversationId, macroId, 201);
        String expected = "Hi Rita (Rita Rater), about C-" + conversationId.substring(0, 8) + " / " + conversationId + ": "
                + agentNameOf("agent") + " is on it.";
        assertThat(applied.getString("content")).isEqualTo(expected);
        assertThat(applied.getString("state")).isEqualTo("resolved");
        assertThat(applied.getLong("usageCount")).isEqualTo(1);

        JsonPath after = conversation(conversationId);
        assertThat(after.getList("timeline.findAll { it.type == 'message' && it.direction == 'outbound' && it.author == 'agent' }.content",
                String.class)).containsExactly(expected);
        assertThat(after.getString("state")).isEqualTo("resolved");
        assertThat(customer(after.getString("customerId")).getList("tags", String.class)).contains("late-parcel");

        apply("agent", conversationOf("Sam"), macroId, 201);
        as("agent").when().get("/api/v1/macros/{id}", macroId).then().statusCode(200).body("usageCount", equalTo(2));
    }

    @Test
    void aPrivateMacroIsInvisibleToEveryoneButItsOwner() {
        String name = "Mine only " + UUID.randomUUID();
        String macroId = create("agent", macro(name, "Private words", false, null, null));
        String conversationId = conversationOf("Pat");

        assertThat(as("agent").queryParam("q", name).when().get("/api/v1/macros").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(macroId);
        for (String other : List.of("supervisor", "admin")) {
            assertThat(as(other).queryParam("q", name).when().get("/api/v1/macros").then().statusCode(200)
                    .extract().jsonPath().getList("items.id", String.class)).isEmpty();
            as(other).when().get("/api/v1/macros/{id}", macroId).then().statusCode(404).contentType("application/problem+json");
            as(other).body(macro(name, "Taken over", false, null, null)).when().put("/api/v1/macros/{id}", macroId)
                    .then().statusCode(404);
            apply(other, conversationId, macroId, 404);
        }
        assertThat(conversation(conversationId).getInt("timeline.findAll { it.content == 'Private words' }.size()")).isZero();
        as("agent").when().get("/api/v1/macros/{id}", macroId).then().statusCode(200).body("usageCount", equalTo(0));
    }

    @Test
    void sharedMacrosAreWrittenBySupervisorsAndUsedByEveryAgent() {
        as("agent").body(macro("Shared by an agent", "x", true, null, null)).when().post("/api/v1/macros")
                .then().statusCode(403).contentType("application/problem+json");
        String name = "Team greeting " + UUID.randomUUID();
        String macroId = create("supervisor", macro(name, "Hello {{customer.name}}", true, null, null));
        assertThat(as("agent").queryParam("q", name.toUpperCase()).when().get("/api/v1/macros").then().statusCode(200)
                .extract().jsonPath().getList("items.shared", Boolean.class)).containsExactly(true);
        as("agent").body(macro(name, "Changed by an agent", true, null, null)).when().put("/api/v1/macros/{id}", macroId)
                .then().statusCode(403);
        as("agent").when().delete("/api/v1/macros/{id}", macroId).then().statusCode(403);

        JsonPath applied = apply("agent", conversationOf("Lee Jones"), macroId, 201);
        assertThat(applied.getString("content")).isEqualTo("Hello Lee Jones");
        as("supervisor").when().delete("/api/v1/macros/{id}", macroId).then().statusCode(204);
        as("agent").when().get("/api/v1/macros/{id}", macroId).then().statusCode(404);
    }

    @Test
    void anIllegalStateChangeSendsNothingAndABadMacroIsRefused() {
        String macroId = create("agent", macro("Back to open " + UUID.randomUUID(), "Reopening {{conversation.token}}", false,
                null, "open"));
        String conversationId = conversationOf("Kim");
        apply("agent", conversationId, macroId, 409);
        assertThat(conversation(conversationId).getInt("timeline.findAll { it.author == 'agent' }.size()")).isZero();
        as("agent").when().get("/api/v1/macros/{id}", macroId).then().statusCode(200).body("usageCount", equalTo(0));

        JsonPath problem = as("agent").body(macro(" ", "", false, List.of(""), "closed")).when().post("/api/v1/macros")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).containsExactly("name", "body", "addTags", "changeState");
    }
}
