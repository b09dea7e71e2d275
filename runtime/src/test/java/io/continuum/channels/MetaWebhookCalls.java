package io.continuum.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.connectors.meta.HubSignature;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.restassured.RestAssured.given;

/** Messenger and Instagram webhook calls as Meta makes them, from the published payloads in the shared fixtures. */
public final class MetaWebhookCalls {

    /** The app secret %test configures: the one of Meta's published X-Hub-Signature-256 test vector. */
    public static final String SECRET = "TEST_APP_SECRET";
    public static final Path FIXTURES = Path.of("../../shared/fixtures/channels");
    public static final ObjectMapper JSON = new ObjectMapper();

    private MetaWebhookCalls() {
    }

    /** A published payload with its one messaging event's sender, message id, text and time replaced. */
    public static byte[] textEvent(String fixture, String senderId, String mid, String text, Instant at) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(Files.readAllBytes(FIXTURES.resolve(fixture)));
        ObjectNode event = (ObjectNode) payload.path("entry").path(0).path("messaging").path(0);
        ((ObjectNode) event.path("sender")).put("id", senderId);
        event.put("timestamp", at.toEpochMilli());
        ObjectNode message = (ObjectNode) event.path("message");
        message.put("mid", mid);
        message.put("text", text);
        return JSON.writeValueAsBytes(payload);
    }

    public static String uniqueId() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    }

    public static ValidatableResponse post(String channel, byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.when().post("/webhooks/" + channel).then();
    }

    public static ValidatableResponse postSigned(String channel, byte[] body) {
        return post(channel, body, HubSignature.sign(SECRET, body));
    }

    public static String customerIdBySocialId(String socialId) {
        List<String> ids = as("agent").queryParam("q", socialId).when().get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        return ids == null || ids.isEmpty() ? null : ids.get(0);
    }

    public static String conversationIdOf(String socialId) {
        return as("agent").queryParam("customerId", customerIdBySocialId(socialId)).when().get("/api/v1/conversations")
                .then().statusCode(200).extract().jsonPath().getString("items[0].id");
    }

    public static JsonPath conversationOf(String socialId) {
        return conversation(conversationIdOf(socialId));
    }

    public static List<String> inboundTexts(JsonPath conversation) {
        return conversation.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class);
    }
}
