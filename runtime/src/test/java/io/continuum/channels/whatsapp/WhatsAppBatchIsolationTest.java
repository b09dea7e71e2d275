package io.continuum.channels.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.channels.EmailServer;
import io.continuum.channels.GraphApiStub;
import io.continuum.connectors.meta.HubSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A WhatsApp batch with items that cannot be stored, customer-authored event types, and media that is not there yet. */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class WhatsAppBatchIsolationTest {

    private static final String SECRET = "test-app-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void graphApi() {
        GraphApiStub.start();
    }

    private static String uniqueWaId() {
        return "1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
    }

    private static Map<String, Object> message(String from, String type, Object body) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("from", from);
        message.put("id", "wamid.test-" + UUID.randomUUID());
        message.put("timestamp", "1749416383");
        message.put("type", type);
        message.put(type, body);
        return message;
    }

    private static byte[] payload(String waId, List<Map<String, Object>> messages, List<Map<String, Object>> statuses) throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", "15550783881", "phone_number_id", "106540352242922"));
        value.put("contacts", List.of(Map.of("wa_id", waId, "profile", Map.of("name", "Dana"))));
        value.put("messages", messages);
        value.put("statuses", statuses);
        return JSON.writeValueAsBytes(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", "102290129340398",
                "changes", List.of(Map.of("field", "messages", "value", value))))));
    }

    private static io.restassured.response.ValidatableResponse post(byte[] body) {
        return given().contentType("application/json").header("X-Hub-Signature-256", HubSignature.sign(SECRET, body))
                .body(body).when().post("/webhooks/whatsapp").then();
    }

    private static JsonPath conversationOf(String waId) {
        List<String> customers = as("agent").queryParam("phone", "+" + waId).when().get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(customers).hasSize(1);
        String conversationId = as("agent").queryParam("customerId", customers.get(0)).when().get("/api/v1/conversations")
                .then().statusCode(200).extract().jsonPath().getString("items[0].id");
        return conversation(conversationId);
    }

    private static List<String> inboundTexts(JsonPath conversation) {
        return conversation.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class);
    }

    @Test
    void oneBadItemIsQuarantinedWhileTheGoodOnesAroundItAreStoredAnd200() throws IOException {
        String waId = uniqueWaId();
        Map<String, Object> noSender = message(waId, "text", Map.of("body", "who am I"));
        noSender.remove("from");
        String badStatusId = "wamid.out-" + UUID.randomUUID();
        byte[] body = payload(waId, List.of(
                message(waId, "text", Map.of("body", "first good one")),
                noSender,
                message(waId, "interactive", Map.of("type", "button_reply", "button_reply", Map.of("id", "yes-1", "title", "Yes, refund"))),
                message(waId, "interactive", Map.of("type", "list_reply", "list_reply", Map.of("id", "r2", "title", "Tuesday",
                        "description", "afternoon"))),
                message(waId, "button", Map.of("payload", "STOP", "text", "Stop promotions")),
                message(waId, "location", Map.of("latitude", 38.9, "longitude", -77.03, "name", "Main office", "address", "1 Main St")),
                message(waId, "contacts", List.of(Map.of("name", Map.of("formatted_name", "Ann Lee"),
                        "phones", List.of(Map.of("phone", "+1 415 555 0100"))))),
                message(waId, "order", Map.of("catalog_id", "c1", "text", "for the shop", "product_items",
                        List.of(Map.of("product_retailer_id", "SKU-9", "quantity", "2", "item_price", "9.99", "currency", "EUR")))),
                message(waId, "text", Map.of("body", "last good one"))),
                List.of(Map.of("id", badStatusId, "status", "deleted", "timestamp", "1749416400", "recipient_id", waId)));

        post(body).statusCode(200).body("messages", equalTo(8)).body("quarantined", equalTo(2));

        List<String> texts = inboundTexts(conversationOf(waId));
        assertThat(texts).contains("first good one", "last good one", "[Chose] Yes, refund", "[Chose from list] Tuesday (afternoon)",
                "[Tapped button] Stop promotions");
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("[Shared a location]").contains("Main office", "38.9, -77.03"));
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("[Shared a contact card]").contains("Ann Lee", "+1 415 555 0100"));
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("[Placed an order]").contains("2 × SKU-9 at 9.99 EUR"));

        JsonPath quarantine = as("supervisor").get("/api/v1/channels/quarantine?limit=500").then().statusCode(200).extract().jsonPath();
        String statusItem = quarantine.getString("find { it.reference == 'status:" + badStatusId + ":deleted' }.id");
        assertThat(quarantine.getString("find { it.id == '" + statusItem + "' }.reason")).contains("unknown status 'deleted'");
        String noSenderItem = quarantine.getString("find { it.reference == '" + noSender.get("id") + "' }.id");
        assertThat(quarantine.getString("find { it.id == '" + noSenderItem + "' }.reason")).contains("from");

        String raw = as("supervisor").get("/api/v1/channels/quarantine/{id}/raw", noSenderItem).then().statusCode(200)
                .extract().asString();
        assertThat(raw).contains("who am I").contains("whatsapp_business_account");
        as("agent").get("/api/v1/channels/quarantine").then().statusCode(403);
        as("supervisor").post("/api/v1/channels/quarantine/{id}/retry", noSenderItem).then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("from"));

        // Meta redelivers the same batch: nothing is stored twice, nothing quarantined twice
        post(body).statusCode(200).body("messages", equalTo(0)).body("duplicates", equalTo(8)).body("quarantined", equalTo(2));
        assertThat(inboundTexts(conversationOf(waId))).hasSize(8);
        assertThat(as("supervisor").get("/api/v1/channels/quarantine?limit=500").then().extract().jsonPath()
                .getList("findAll { it.reference == '" + noSender.get("id") + "' }")).hasSize(1);
    }

    @Test
    void aWaIdThePhoneLibraryDoubtsIsStillTheCustomersIdentifier() throws IOException {
        String waId = "972987654321";
        String first = "hello from " + UUID.randomUUID();
        String second = "again from " + UUID.randomUUID();
        post(payload(waId, List.of(message(waId, "text", Map.of("body", first))), List.of())).statusCode(200)
                .body("messages", equalTo(1));
        post(payload(waId, List.of(message(waId, "text", Map.of("body", second))), List.of())).statusCode(200)
                .body("messages", equalTo(1));

        // the wa_id identifies the customer: both messages land with the same customer, in one conversation
        List<String> conversations = as("agent").queryParam("q", waId).queryParam("limit", 200).when().get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class).stream()
                .flatMap(customer -> as("agent").queryParam("customerId", customer).when().get("/api/v1/conversations")
                        .then().extract().jsonPath().getList("items.id", String.class).stream())
                .filter(id -> inboundTexts(conversation(id)).contains(first))
                .toList();
        assertThat(conversations).hasSize(1);
        assertThat(inboundTexts(conversation(conversations.get(0)))).contains(first, second);
    }

    @Test
    void mediaThatCannotBeFetchedNowIsAPendingAttachmentFetchedLater() throws IOException {
        GraphApiStub graph = GraphApiStub.start();
        String waId = uniqueWaId();
        String mediaId = "media-later-" + UUID.randomUUID();
        byte[] body = payload(waId, List.of(message(waId, "image", Map.of("id", mediaId, "mime_type", "image/jpeg",
                "caption", "The broken screen"))), List.of());

        // the Graph API does not serve the file yet (404): the message is stored anyway
        post(body).statusCode(200).body("messages", equalTo(1));
        JsonPath stored = conversationOf(waId);
        String content = stored.getString("timeline.find { it.direction == 'inbound' }.content");
        assertThat(content).startsWith("The broken screen").contains("being fetched");
        assertThat(stored.getList("timeline.find { it.direction == 'inbound' }.attachments.id", String.class)).isEmpty();

        graph.media(mediaId, new byte[300]);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(conversationOf(waId)
                .getList("timeline.find { it.direction == 'inbound' }.attachments.sizeBytes", Long.class)).containsExactly(300L));
        // a redelivery of the webhook neither duplicates the message nor the file
        post(body).statusCode(200).body("duplicates", equalTo(1));
        assertThat(conversationOf(waId).getList("timeline.find { it.direction == 'inbound' }.attachments.id", String.class)).hasSize(1);
    }
}
