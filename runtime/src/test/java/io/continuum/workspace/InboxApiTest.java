package io.continuum.workspace;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class InboxApiTest {

    /** A conversation of a customer tagged with a tag nobody else has, so the inbox can be narrowed to it. */
    private static String taggedConversation(String tag, Map<String, Object> from, String channel, String text) {
        String id = receive(inbound(channel, from, text)).getString("conversationId");
        String customerId = conversation(id).getString("customerId");
        as("agent").body(Map.of("tags", List.of(tag))).when().patch("/api/v1/customers/{id}", customerId)
                .then().statusCode(200);
        return id;
    }

    private static JsonPath inboxTagged(String user, String tag) {
        return as(user).when().get("/api/v1/inbox?tag={tag}", tag).then().statusCode(200).extract().jsonPath();
    }

    private static String uniqueTag() {
        return "inbox-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aRowNamesTheCustomerPreviewsTheLastMessageAndShowsTheWait() {
        String tag = uniqueTag();
        String id = taggedConversation(tag, sender(null, "+4479" + (10000000 + (int) (Math.random() * 8999999)), null,
                "Maria Lopez", null), "whatsapp", "\n  My card was charged twice  \nOrder 4411, please help");

        JsonPath inbox = inboxTagged("agent", tag);
        assertThat(inbox.getList("items.id", String.class)).containsExactly(id);
        assertThat(inbox.getString("items[0].customerName")).isEqualTo("Maria Lopez");
        assertThat(inbox.getString("items[0].channel")).isEqualTo("whatsapp");
        assertThat(inbox.getString("items[0].preview")).isEqualTo("My card was charged twice");
        assertThat(inbox.getString("items[0].lastMessageDirection")).isEqualTo("inbound");
        assertThat(inbox.getString("items[0].waitingSince")).isNotNull();
        assertThat(inbox.getBoolean("items[0].unread")).isTrue();
        assertThat(inbox.getList("items[0].tags", String.class)).containsExactly(tag);

        as("agent").when().put("/api/v1/inbox/read/{id}", id).then().statusCode(204);
        assertThat(inboxTagged("agent", tag).getBoolean("items[0].unread")).as("read by agent").isFalse();
        assertThat(inboxTagged("supervisor", tag).getBoolean("items[0].unread")).as("not by the supervisor").isTrue();

        as("agent").body(Map.of("content", "Refunding the duplicate now\nThanks for your patience"))
                .when().post("/api/v1/conversations/{id}/messages", id).then().statusCode(201);
        JsonPath answered = inboxTagged("agent", tag);
        assertThat(answered.getString("items[0].preview")).isEqualTo("Refunding the duplicate now");
        assertThat(answered.getString("items[0].lastMessageDirection")).isEqualTo("outbound");
        assertThat(answered.getString("items[0].waitingSince")).as("answered: nobody waits").isNull();
    }

    @Test
    void aVisitorWithoutANameHasNoNameAndAnErasedCustomerShowsNeitherNameNorText() {
        String visitorTag = uniqueTag();
        taggedConversation(visitorTag, sender(null, null, null, null, "device-" + UUID.randomUUID()), "web_chat", "Hello?");
        JsonPath visitor = inboxTagged("agent", visitorTag);
        assertThat(visitor.getString("items[0].customerName")).isNull();
        assertThat(visitor.getString("items[0].preview")).isEqualTo("Hello?");

        String erasedTag = uniqueTag();
        String id = taggedConversation(erasedTag, sender(uniqueEmail("inbox-erased"), null, null, "Erin Gone", null),
                "email", "Please forget me");
        String customerId = conversation(id).getString("customerId");
        as("supervisor").when().delete("/api/v1/customers/{id}?reason=customer-request", customerId).then().statusCode(200);

        JsonPath erased = as("agent").when().get("/api/v1/inbox?channel=email&sort=recent&limit=200")
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = erased.getList("items.id", String.class);
        assertThat(ids).contains(id);
        int row = ids.indexOf(id);
        assertThat(erased.getBoolean("items[" + row + "].customerErased")).isTrue();
        assertThat(erased.getString("items[" + row + "].customerName")).isNull();
        assertThat(erased.getString("items[" + row + "].preview")).isNull();
        assertThat(erased.prettify()).doesNotContain("Erin Gone").doesNotContain("forget me");
    }

    @Test
    void filtersNarrowAndWaitingLongestComesFirst() {
        String tag = uniqueTag();
        // both are handed to people (no AI answer ends their wait), and first contact is done with both
        String older = taggedConversation(tag, sender(uniqueEmail("inbox-old"), null, null, "Old", null), "email",
                "I need to talk to a person about invoice 1001");
        String newer = taggedConversation(tag, sender(uniqueEmail("inbox-new"), null, null, "New", null), "email",
                "I need to talk to a person about invoice 1002");
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(older).getString("intent") != null
                && conversation(newer).getString("intent") != null);

        assertThat(as("agent").when().get("/api/v1/inbox?tag={tag}&sort=waiting", tag).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(older, newer);
        assertThat(as("agent").when().get("/api/v1/inbox?tag={tag}&sort=recent", tag).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(newer, older);
        assertThat(as("agent").when().get("/api/v1/inbox?tag={tag}&channel=whatsapp", tag).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        assertThat(as("agent").when().get("/api/v1/inbox?tag={tag}&state=resolved", tag).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        assertThat(as("agent").when().get("/api/v1/inbox?tag={tag}&state=unresolved&assignee=unassigned", tag)
                .then().statusCode(200).extract().jsonPath().getList("items")).hasSize(2);
    }

    @Test
    void anUnknownFilterValueIsAProblemNamingTheField() {
        as("agent").when().get("/api/v1/inbox?severity=urgent").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("severity"));
        as("agent").when().get("/api/v1/inbox?sort=alphabetical").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        as("agent").when().get("/api/v1/inbox?state=closed").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
    }

    @Test
    void savedViewsBelongToTheirOwner() {
        String name = "P0 on WhatsApp " + UUID.randomUUID();
        Map<String, Object> filter = Map.of("severity", "P0", "channel", "whatsapp", "sort", "waiting");
        String id = as("agent").body(Map.of("name", name, "filter", filter)).when().post("/api/v1/inbox/views")
                .then().statusCode(201).body("name", equalTo(name)).body("filter.severity", equalTo("P0"))
                .extract().path("id");

        assertThat(as("agent").when().get("/api/v1/inbox/views").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.id == '" + id + "' }.filter.channel", String.class)).containsExactly("whatsapp");
        assertThat(as("supervisor").when().get("/api/v1/inbox/views").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class)).doesNotContain(id);

        as("agent").body(Map.of("name", name, "filter", filter)).when().post("/api/v1/inbox/views")
                .then().statusCode(409);
        as("agent").body(Map.of("name", "bad", "filter", Map.of("severity", "urgent"))).when().post("/api/v1/inbox/views")
                .then().statusCode(400).body("errors[0].field", equalTo("severity"));
        as("supervisor").when().delete("/api/v1/inbox/views/{id}", id).then().statusCode(404);
        as("agent").when().delete("/api/v1/inbox/views/{id}", id).then().statusCode(204);
        assertThat(as("agent").when().get("/api/v1/inbox/views").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class)).doesNotContain(id);
    }
}
