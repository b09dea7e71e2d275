package io.continuum.channels.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.channels.EmailServer;
import io.continuum.channels.GraphApiStub;
import io.continuum.connectors.meta.HubSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The WhatsApp Cloud API webhook and replies through the Graph API (a local stub checking the request shape). */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class WhatsAppWebhookTest {

    private static final String SECRET = "test-app-secret";
    private static final Path FIXTURES = Path.of("../../shared/fixtures/channels/whatsapp");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void graphApi() {
        GraphApiStub.start();
    }

    private static String uniqueWaId() {
        List<String> areas = List.of("212", "646", "917", "718", "415", "650");
        return "1" + areas.get(ThreadLocalRandom.current().nextInt(areas.size())) + "555"
                + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
    }

    /** The documented inbound text event, with a fresh message id, sender and time so earlier runs never interfere. */
    private static byte[] inboundText(String wamid, String waId, String text) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(Files.readAllBytes(FIXTURES.resolve("cloud-api-inbound-text.json")));
        ObjectNode value = (ObjectNode) payload.path("entry").path(0).path("changes").path(0).path("value");
        ((ObjectNode) value.path("contacts").path(0)).put("wa_id", waId);
        ObjectNode message = (ObjectNode) value.path("messages").path(0);
        message.put("id", wamid);
        message.put("from", waId);
        // written now: a reply to it is within WhatsApp's 24-hour window (channel-reply.dmn)
        message.put("timestamp", String.valueOf(java.time.Instant.now().getEpochSecond()));
        ((ObjectNode) message.path("text")).put("body", text);
        return JSON.writeValueAsBytes(payload);
    }

    private static byte[] status(String wamid, String status, String waId) throws IOException {
        Map<String, Object> payload = Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", "102290129340398",
                "changes", List.of(Map.of("field", "messages", "value", Map.of("messaging_product", "whatsapp",
                        "metadata", Map.of("display_phone_number", "15550783881", "phone_number_id", "106540352242922"),
                        "statuses", List.of(Map.of("id", wamid, "status", status, "timestamp", "1749416400",
                                "recipient_id", waId))))))));
        return JSON.writeValueAsBytes(payload);
    }

    private static io.restassured.response.ValidatableResponse post(byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.when().post("/webhooks/whatsapp").then();
    }

    private static String customerIdByPhone(String waId) {
        List<String> ids = as("agent").queryParam("phone", "+" + waId).when().get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        return ids == null || ids.isEmpty() ? null : ids.get(0);
    }

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() throws IOException {
        String request = Files.readString(FIXTURES.resolve("meta-webhook-verification-request.http"));
        String challenge = request.replaceAll("(?s).*hub\\.challenge=(\\d+).*", "$1");
        String token = request.replaceAll("(?s).*hub\\.verify_token=(\\w+).*", "$1");

        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", token).queryParam("hub.challenge", challenge)
                .when().get("/webhooks/whatsapp").then().statusCode(200).body(equalTo(challenge));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "wrong").queryParam("hub.challenge", challenge)
                .when().get("/webhooks/whatsapp").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void signedTextIsStoredOnceEvenWhenMetaDeliversItAgain() throws IOException {
        String waId = uniqueWaId();
        String wamid = "wamid.test-" + UUID.randomUUID();
        byte[] body = inboundText(wamid, waId, "Does it come in another color?");

        post(body, HubSignature.sign(SECRET, body)).statusCode(200).body("messages", equalTo(1)).body("duplicates", equalTo(0));
        post(body, HubSignature.sign(SECRET, body)).statusCode(200).body("messages", equalTo(0)).body("duplicates", equalTo(1));

        String customerId = customerIdByPhone(waId);
        String conversationId = as("agent").queryParam("customerId", customerId).when().get("/api/v1/conversations")
                .then().statusCode(200).extract().jsonPath().getString("items[0].id");
        JsonPath timeline = conversation(conversationId);
        assertThat(timeline.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class))
                .containsExactly("Does it come in another color?");
        assertThat(timeline.getList("channelsUsed", String.class)).contains("whatsapp");
    }

    @Test
    void badOrMissingSignatureIsRefusedAndNothingIsStored() throws IOException {
        String waId = uniqueWaId();
        byte[] body = inboundText("wamid.test-" + UUID.randomUUID(), waId, "should never be stored");

        post(body, HubSignature.sign("another-secret", body)).statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401)).body("detail", containsString("X-Hub-Signature-256"));
        post(body, null).statusCode(401).contentType("application/problem+json");
        // a signature over other bytes than those received (re-serialised JSON) must not pass either
        byte[] reformatted = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.readTree(body));
        post(reformatted, HubSignature.sign(SECRET, body)).statusCode(401);

        assertThat(customerIdByPhone(waId)).isNull();
    }

    @Test
    void malformedPayloadIs400WithAReasonAndOtherEventsAreAcknowledged() throws IOException {
        byte[] notJson = "{\"object\": ".getBytes(StandardCharsets.UTF_8);
        post(notJson, HubSignature.sign(SECRET, notJson)).statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not JSON"));

        byte[] noEntry = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);
        post(noEntry, HubSignature.sign(SECRET, noEntry)).statusCode(400).body("detail", containsString("entry"));

        byte[] otherField = JSON.writeValueAsBytes(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", "1",
                "changes", List.of(Map.of("field", "account_update", "value", Map.of("event", "VERIFIED_ACCOUNT")))))));
        post(otherField, HubSignature.sign(SECRET, otherField)).statusCode(200).body("messages", equalTo(0));

        byte[] reaction = JSON.writeValueAsBytes(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", "1",
                "changes", List.of(Map.of("field", "messages", "value", Map.of("messages", List.of(Map.of("from", uniqueWaId(),
                        "id", "wamid.test-" + UUID.randomUUID(), "timestamp", "1749416383", "type", "reaction",
                        "reaction", Map.of("message_id", "wamid.x", "emoji", "👍"))))))))));
        // a reaction is something the customer said: it becomes a message
        post(reaction, HubSignature.sign(SECRET, reaction)).statusCode(200).body("messages", equalTo(1));
    }

    @Test
    void messageFromAKnownCustomersPhoneLandsInTheirOpenConversation() throws IOException {
        String waId = uniqueWaId();
        JsonPath byEmail = receive(inbound("email", sender(uniqueEmail("wa"), "+" + waId, null, "Sheena", null), "My order is late"));

        byte[] body = inboundText("wamid.test-" + UUID.randomUUID(), waId, "Any news on my order?");
        post(body, HubSignature.sign(SECRET, body)).statusCode(200).body("messages", equalTo(1));

        JsonPath timeline = conversation(byEmail.getString("conversationId"));
        assertThat(timeline.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class))
                .containsExactly("My order is late", "Any news on my order?");
        assertThat(timeline.getList("channelsUsed", String.class)).containsExactly("email", "whatsapp");
    }

    @Test
    void agentReplyGoesThroughTheGraphApiAndStatusesUpdateTheMessage() throws IOException {
        GraphApiStub graph = GraphApiStub.start();
        String waId = uniqueWaId();
        byte[] body = inboundText("wamid.test-" + UUID.randomUUID(), waId, "Where is my parcel?");
        post(body, HubSignature.sign(SECRET, body)).statusCode(200);
        String conversationId = as("agent").queryParam("customerId", customerIdByPhone(waId)).when().get("/api/v1/conversations")
                .then().extract().jsonPath().getString("items[0].id");

        String reply = "It left our warehouse today " + UUID.randomUUID();
        String messageId = as("agent").body(Map.of("content", reply)).when()
                .post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201).extract().path("id");

        GraphApiStub.Request sent = await().atMost(Duration.ofSeconds(20)).until(
                () -> graph.requestsTo(waId).stream().filter(r -> reply.equals(r.body().path("text").path("body").asText())).toList(),
                requests -> requests.size() == 1).get(0);
        assertThat(sent.path()).isEqualTo(GraphApiStub.PATH);
        assertThat(sent.authorization()).isEqualTo("Bearer " + GraphApiStub.TOKEN);
        assertThat(sent.body().path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(sent.body().path("type").asText()).isEqualTo("text");
        assertThat(sent.body().path("biz_opaque_callback_data").asText()).isEqualTo("continuum-" + messageId);
        assertThat(sent.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(deliveryStatus(conversationId, messageId)));
        byte[] delivered = status(sent.wamid(), "delivered", waId);
        post(delivered, HubSignature.sign(SECRET, delivered)).statusCode(200);
        byte[] read = status(sent.wamid(), "read", waId);
        post(read, HubSignature.sign(SECRET, read)).statusCode(200);
        // a late "delivered" arriving after "read" never moves the status back
        post(delivered, HubSignature.sign(SECRET, delivered)).statusCode(200);

        assertThat(deliveryStatus(conversationId, messageId)).isEqualTo("read");
    }

    @Test
    void mediaIsFetchedAndStoredAndAnOversizedFileIsRefusedWhileTheCaptionIsKept() throws IOException {
        GraphApiStub graph = GraphApiStub.start();
        String waId = uniqueWaId();
        String small = "media-" + UUID.randomUUID();
        String big = "media-" + UUID.randomUUID();
        graph.media(small, new byte[512]);
        graph.media(big, new byte[4096]);
        byte[] body = JSON.writeValueAsBytes(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", "1",
                "changes", List.of(Map.of("field", "messages", "value", Map.of("messaging_product", "whatsapp",
                        "contacts", List.of(Map.of("wa_id", waId, "profile", Map.of("name", "Sheena"))),
                        "messages", List.of(
                                Map.of("from", waId, "id", "wamid.test-" + UUID.randomUUID(), "timestamp", "1749416383",
                                        "type", "image", "image", Map.of("id", small, "mime_type", "image/jpeg", "caption", "The dent")),
                                Map.of("from", waId, "id", "wamid.test-" + UUID.randomUUID(), "timestamp", "1749416384",
                                        "type", "document", "document", Map.of("id", big, "mime_type", "application/pdf",
                                                "filename", "invoice.pdf", "caption", "My invoice"))))))))));
        post(body, HubSignature.sign(SECRET, body)).statusCode(200).body("messages", equalTo(2));

        String conversationId = as("agent").queryParam("customerId", customerIdByPhone(waId)).when().get("/api/v1/conversations")
                .then().extract().jsonPath().getString("items[0].id");
        JsonPath timeline = conversation(conversationId);
        assertThat(timeline.getString("timeline.find { it.content == 'The dent' }.attachments[0].contentType")).isEqualTo("image/jpeg");
        assertThat(timeline.getLong("timeline.find { it.content == 'The dent' }.attachments[0].sizeBytes")).isEqualTo(512L);
        String refused = timeline.getString("timeline.find { it.content?.startsWith('My invoice') }.content");
        assertThat(refused).startsWith("My invoice").contains("invoice.pdf was not stored").contains("4096 bytes");
        assertThat(timeline.getList("timeline.find { it.content?.startsWith('My invoice') }.attachments", Object.class)).isEmpty();
    }

    static String deliveryStatus(String conversationId, String messageId) {
        return conversation(conversationId).getString("timeline.find { it.id == '" + messageId + "' }.deliveryStatus");
    }
}
