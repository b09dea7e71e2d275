package io.continuum.conversation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ConversationApiTest {

    private static String newConversation() {
        return receive(inbound("email", sender(uniqueEmail("api"), null, null, null, null), "Help please"))
                .getString("conversationId");
    }

    @Test
    void illegalTransitionIsAConflictListingTheAllowedStates() {
        String id = newConversation();
        as("agent").body(Map.of("to", "resolved")).when().post("/api/v1/conversations/{id}/transitions", id)
                .then().statusCode(200).body("state", equalTo("resolved"));
        as("agent").body(Map.of("to", "awaiting_agent")).when().post("/api/v1/conversations/{id}/transitions", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/illegal-transition"))
                .body("state", equalTo("resolved"))
                .body("allowed", contains("escalated", "reopened"));
    }

    @Test
    void everyLegalPathIsRecordedInTheTimelineWithItsActorAndReason() {
        String id = newConversation();
        for (String to : List.of("escalated", "awaiting_customer", "resolved", "reopened", "resolved")) {
            as("supervisor").body(Map.of("to", to, "reason", "because " + to))
                    .when().post("/api/v1/conversations/{id}/transitions", id)
                    .then().statusCode(200).body("state", equalTo(to));
        }
        JsonPath view = conversation(id);
        // the first-contact AI may answer in between (asynchronously); the people's path is what is pinned here
        assertThat(view.getList("timeline.findAll { it.type == 'state_change' && !it.author.startsWith('ai:') }.to", String.class))
                .containsExactly("open", "awaiting_agent", "escalated", "awaiting_customer", "resolved", "reopened", "resolved");
        assertThat(view.getList("timeline.findAll { it.type == 'state_change' && it.reason == 'because escalated' }.author", String.class))
                .containsExactly("human:supervisor");
    }

    @Test
    void unknownStateIsABadRequest() {
        as("agent").body(Map.of("to", "closed")).when().post("/api/v1/conversations/{id}/transitions", newConversation())
                .then().statusCode(400).body("errors[0].field", equalTo("state"));
    }

    @Test
    void agentReplyAndInternalNoteAppearInTheTimeline() {
        String id = newConversation();
        as("agent").body(Map.of("content", "We are on it")).when().post("/api/v1/conversations/{id}/messages", id)
                .then().statusCode(201).body("direction", equalTo("outbound")).body("channel", equalTo("email"))
                .body("deliveryStatus", equalTo("queued"));
        as("agent").body(Map.of("content", "Customer is on the legacy plan")).when().post("/api/v1/conversations/{id}/notes", id)
                .then().statusCode(201).body("type", equalTo("note"));
        JsonPath view = conversation(id);
        assertThat(view.getString("state")).isEqualTo("awaiting_customer");
        assertThat(view.getList("timeline.type", String.class)).containsSubsequence("message", "message", "note");
        assertThat(view.getList("timeline.findAll { it.type == 'note' }.author", String.class)).containsExactly("agent");
    }

    @Test
    void replyOnANamedChannelMovesTheCurrentChannel() {
        String email = uniqueEmail("sms");
        String id = receive(inbound("email", sender(email, "+16175550142", null, null, null), "call me")).getString("conversationId");
        as("agent").body(Map.of("content", "Texting you", "channel", "sms")).when().post("/api/v1/conversations/{id}/messages", id)
                .then().statusCode(201).body("channel", equalTo("sms"));
        assertThat(conversation(id).getString("currentChannel")).isEqualTo("sms");
    }

    @Test
    void unknownConversationIsNotFoundAndMalformedIdIsABadRequest() {
        as("agent").when().get("/api/v1/conversations/{id}", UUID.randomUUID())
                .then().statusCode(404).body("status", equalTo(404));
        as("agent").when().get("/api/v1/conversations/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void oversizeReplyIsRefusedWith413() {
        as("agent").body(Map.of("content", "x".repeat(70_000)))
                .when().post("/api/v1/conversations/{id}/messages", newConversation())
                .then().statusCode(413).body("type", equalTo("https://continuum.io/problems/content-too-large"));
    }

    @Test
    void listPagesThroughACustomersConversationsWithoutGapsOrRepeats() {
        JsonPath first = receive(inbound("email", sender(uniqueEmail("pages"), null, null, null, null), "one"));
        String customerId = first.getString("customerId");
        List<String> created = new ArrayList<>(List.of(first.getString("conversationId")));
        for (int i = 0; i < 4; i++) {
            JsonPath other = receive(inbound("email", sender(uniqueEmail("pages"), null, null, null, null), "other " + i));
            created.add(other.getString("conversationId"));
            as("supervisor").body(Map.of("otherId", other.getString("customerId")))
                    .when().post("/api/v1/customers/{id}/merge", customerId).then().statusCode(200);
        }
        List<String> seen = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            var request = as("agent").queryParam("customerId", customerId).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath page = request.when().get("/api/v1/conversations").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen.get(0)).as("newest first").isEqualTo(created.get(created.size() - 1));
    }

    @Test
    void malformedCursorIsABadRequest() {
        as("agent").queryParam("after", "page-2").when().get("/api/v1/conversations")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void listFiltersByState() {
        String id = newConversation();
        as("agent").body(Map.of("to", "escalated")).when().post("/api/v1/conversations/{id}/transitions", id).then().statusCode(200);
        List<String> escalated = as("supervisor").queryParam("state", "escalated").queryParam("limit", 200)
                .when().get("/api/v1/conversations").then().statusCode(200)
                .extract().jsonPath().getList("items.state", String.class);
        assertThat(escalated).isNotEmpty().containsOnly("escalated");
    }

    @Test
    void engineersMayNotReplyToCustomers() {
        as("engineer").body(Map.of("content", "it's a null pointer")).when()
                .post("/api/v1/conversations/{id}/messages", newConversation())
                .then().statusCode(403);
    }
}
