package io.continuum.channels.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.channels.XApiStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.customer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The X Account Activity webhook (CRC and DM events) and replies through the DM API (a local stub checking the request). */
@QuarkusTest
class XWebhookTest {

    private static final Path FIXTURE = Path.of("../../shared/fixtures/channels/twitter/account-activity-direct-message-events.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static XApiStub x;

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void xApi() {
        x = XApiStub.start();
    }

    /** X's algorithm, written out here independently of the code under test: sha256= + base64 HMAC-SHA256. */
    private static String signature(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uniqueUserId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L));
    }

    /** The documented DM event, with a fresh event id, sender and text so earlier runs never interfere. */
    private static ObjectNode dmEvents(String eventId, String senderId, String text) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(FIXTURE.toFile());
        ObjectNode event = (ObjectNode) payload.path("direct_message_events").path(0);
        event.put("id", eventId);
        ObjectNode create = (ObjectNode) event.path("message_create");
        create.put("sender_id", senderId);
        ((ObjectNode) create.path("message_data")).put("text", text);
        ObjectNode users = (ObjectNode) payload.path("users");
        ObjectNode profile = ((ObjectNode) users.remove("3001969357"));
        profile.put("id", senderId);
        users.set(senderId, profile);
        return payload;
    }

    private static ValidatableResponse post(byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("x-twitter-webhooks-signature", signature);
        }
        return request.when().post("/webhooks/x").then();
    }

    private static ValidatableResponse postSigned(JsonNode payload) throws IOException {
        byte[] body = JSON.writeValueAsBytes(payload);
        return post(body, signature(XApiStub.CONSUMER_SECRET, body));
    }

    private String conversationOfEvent(String eventId) {
        List<?> ids = entityManager.createNativeQuery("SELECT CAST(conversation_id AS text) FROM message WHERE channel = 'x' AND external_id = ?1")
                .setParameter(1, eventId).getResultList();
        return ids.isEmpty() ? null : (String) ids.get(0);
    }

    @Test
    void crcCheckAnswersTheTokenSignedWithTheConsumerSecret() {
        String token = "crc-" + UUID.randomUUID();

        given().queryParam("crc_token", token).when().get("/webhooks/x").then().statusCode(200)
                .body("response_token", equalTo(signature(XApiStub.CONSUMER_SECRET, token.getBytes(StandardCharsets.UTF_8))));
        given().when().get("/webhooks/x").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void signedDmIsStoredOnceWithTheSendersXAccountAsVerifiedIdentity() throws IOException {
        String sender = uniqueUserId();
        String eventId = String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
        ObjectNode payload = dmEvents(eventId, sender, "My order arrived broken");

        postSigned(payload).statusCode(200).body("messages", equalTo(1)).body("duplicates", equalTo(0));
        postSigned(payload).statusCode(200).body("messages", equalTo(0)).body("duplicates", equalTo(1));

        String conversationId = conversationOfEvent(eventId);
        JsonPath timeline = conversation(conversationId);
        assertThat(timeline.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class))
                .containsExactly("My order arrived broken");
        JsonPath profile = customer(timeline.getString("customerId"));
        assertThat(profile.getString("displayName")).isEqualTo("Jordan Brinks");
        assertThat(profile.getList("identifiers.findAll { it.kind == 'social' && it.network == 'x' && it.verified }.value", String.class))
                .containsExactly(sender);
    }

    @Test
    void badOrMissingSignatureIsRefusedAndNothingIsStored() throws IOException {
        String eventId = String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
        byte[] body = JSON.writeValueAsBytes(dmEvents(eventId, uniqueUserId(), "should never be stored"));

        post(body, signature("another-secret", body)).statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("detail", containsString("x-twitter-webhooks-signature"));
        post(body, null).statusCode(401).contentType("application/problem+json");
        byte[] reformatted = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.readTree(body));
        post(reformatted, signature(XApiStub.CONSUMER_SECRET, body)).statusCode(401);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("should never", "must never").getBytes(StandardCharsets.UTF_8);
        post(tampered, signature(XApiStub.CONSUMER_SECRET, body)).statusCode(401);

        assertThat(conversationOfEvent(eventId)).isNull();
    }

    @Test
    void ourOwnDmsAreIgnoredAndOneBadEventDoesNotLoseTheOthers() throws IOException {
        String sender = uniqueUserId();
        String good = String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
        String bad = String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
        String ours = String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
        ObjectNode payload = dmEvents(good, sender, "Is anyone there?");
        ArrayNode events = (ArrayNode) payload.path("direct_message_events");
        ObjectNode withoutSender = ((ObjectNode) events.get(0)).deepCopy().put("id", bad);
        ((ObjectNode) withoutSender.path("message_create")).remove("sender_id");
        ObjectNode ourEcho = ((ObjectNode) events.get(0)).deepCopy().put("id", ours);
        ((ObjectNode) ourEcho.path("message_create")).put("sender_id", payload.path("for_user_id").asText());
        events.add(withoutSender).add(ourEcho);

        postSigned(payload).statusCode(200).body("messages", equalTo(1)).body("quarantined", equalTo(1));

        assertThat(conversationOfEvent(good)).isNotNull();
        assertThat(conversationOfEvent(ours)).isNull();
        assertThat(as("supervisor").when().get("/api/v1/channels/quarantine?limit=500").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.reference == '" + bad + "' }.reason", String.class)).containsExactly("missing 'sender_id'");
    }

    @Test
    void dmMediaBecomesAnAttachment() throws IOException {
        String eventId = String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
        ObjectNode payload = dmEvents(eventId, uniqueUserId(), "See the photo");
        byte[] photo = new byte[700];
        ThreadLocalRandom.current().nextBytes(photo);
        String name = "photo-" + UUID.randomUUID() + ".jpg";
        ((ObjectNode) payload.path("direct_message_events").path(0).path("message_create").path("message_data"))
                .putObject("attachment").put("type", "media").putObject("media").put("media_url_https", x.media(name, photo));

        postSigned(payload).statusCode(200).body("messages", equalTo(1));

        assertThat(conversation(conversationOfEvent(eventId)).getList(
                "timeline.find { it.type == 'message' }.attachments.fileName", String.class)).containsExactly(name);
    }

    @Test
    void replyGoesToTheSenderThroughTheDmApi() throws IOException {
        String sender = uniqueUserId();
        String eventId = String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
        postSigned(dmEvents(eventId, sender, "When do you open?")).statusCode(200);
        String conversationId = conversationOfEvent(eventId);
        String marker = "hours-" + UUID.randomUUID();

        String messageId = as("agent").body(Map.of("content", "We open at nine " + marker, "channel", "x"))
                .when().post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).until(() -> !x.requestsContaining(marker).isEmpty());
        XApiStub.Request sent = x.requestsContaining(marker).get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/2/dm_conversations/with/" + sender + "/messages");
        assertThat(sent.authorization()).isEqualTo("Bearer " + XApiStub.TOKEN);
        assertThat(sent.body()).isEqualTo(JSON.createObjectNode().put("text", "We open at nine " + marker));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(
                conversation(conversationId).getString("timeline.find { it.id == '" + messageId + "' }.deliveryStatus")));
        assertThat(as("agent").queryParam("messageId", messageId).when().get("/api/v1/deliveries").then().statusCode(200)
                .extract().jsonPath().getString("providerMessageId")).isEqualTo(sent.eventId());
    }
}
