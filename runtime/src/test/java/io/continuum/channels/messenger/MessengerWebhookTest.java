package io.continuum.channels.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.channels.EmailServer;
import io.continuum.channels.SendApiStub;
import io.continuum.connectors.meta.HubSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.channels.MetaWebhookCalls.FIXTURES;
import static io.continuum.channels.MetaWebhookCalls.JSON;
import static io.continuum.channels.MetaWebhookCalls.SECRET;
import static io.continuum.channels.MetaWebhookCalls.conversationIdOf;
import static io.continuum.channels.MetaWebhookCalls.conversationOf;
import static io.continuum.channels.MetaWebhookCalls.customerIdBySocialId;
import static io.continuum.channels.MetaWebhookCalls.inboundTexts;
import static io.continuum.channels.MetaWebhookCalls.post;
import static io.continuum.channels.MetaWebhookCalls.postSigned;
import static io.continuum.channels.MetaWebhookCalls.textEvent;
import static io.continuum.channels.MetaWebhookCalls.uniqueId;
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

/** The Messenger webhook (published payloads and signature vector) and replies through a local Send API stub. */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class MessengerWebhookTest {

    private static final String TEXT_FIXTURE = "messenger/webhook-body-text-message.json";

    @BeforeAll
    static void sendApi() {
        SendApiStub.start();
    }

    private static byte[] text(String psid, String text) throws Exception {
        return textEvent(TEXT_FIXTURE, psid, "m_test-" + UUID.randomUUID(), text, Instant.now());
    }

    /** The legacy header: sha1= + hex HMAC-SHA1, which Meta still sends beside the SHA-256 one. */
    private static String legacySha1(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return "sha1=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String reply(String conversationId, String content) {
        return as("agent").body(Map.of("content", content)).when()
                .post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201).extract().path("id");
    }

    private static String deliveryStatus(String conversationId, String messageId) {
        return conversation(conversationId).getString("timeline.find { it.id == '" + messageId + "' }.deliveryStatus");
    }

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "meta-verify-token")
                .queryParam("hub.challenge", "1158201444").when().get("/webhooks/messenger")
                .then().statusCode(200).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "meatyhamhock")
                .queryParam("hub.challenge", "1158201444").when().get("/webhooks/messenger")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void thePublishedSignatureVectorPassesTheCheck() throws Exception {
        JsonNode vector = JSON.readTree(FIXTURES.resolve("signature-test-vectors.json").toFile()).path("meta_x_hub_signature_256");
        assertThat(vector.path("secret").asText()).isEqualTo(SECRET);
        byte[] body = vector.path("raw_body").asText().getBytes(StandardCharsets.UTF_8);

        // "test" is no JSON: a 400 after the signature check, where any other signature is a 401 before it
        post("messenger", body, "sha256=" + vector.path("expected_hex").asText()).statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not JSON"));
        post("messenger", body, "sha256=" + "0".repeat(64)).statusCode(401);
    }

    @Test
    void signedTextIsStoredOnceEvenWhenMetaDeliversItAgain() throws Exception {
        String psid = uniqueId();
        byte[] body = text(psid, "hello, world!");

        postSigned("messenger", body).statusCode(200).body("messages", equalTo(1)).body("duplicates", equalTo(0));
        postSigned("messenger", body).statusCode(200).body("messages", equalTo(0)).body("duplicates", equalTo(1));

        JsonPath timeline = conversationOf(psid);
        assertThat(inboundTexts(timeline)).containsExactly("hello, world!");
        assertThat(timeline.getList("channelsUsed", String.class)).containsExactly("messenger");
    }

    @Test
    void everyForgedOrUnsignedRequestIsRefusedAndNothingIsStored() throws Exception {
        String psid = uniqueId();
        byte[] body = text(psid, "should never be stored");
        String signature = HubSignature.sign(SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("never", "surely").getBytes(StandardCharsets.UTF_8);
        byte[] reserialised = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.readTree(body));

        post("messenger", tampered, signature).statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("detail", containsString("X-Hub-Signature-256"));
        post("messenger", reserialised, signature).statusCode(401).contentType("application/problem+json");
        post("messenger", body, HubSignature.sign("ANOTHER_APP_SECRET", body)).statusCode(401).contentType("application/problem+json");
        post("messenger", body, null).statusCode(401).contentType("application/problem+json");
        // the legacy SHA-1 header, correct for the body and secret, is not enough on its own
        given().contentType("application/json").header("X-Hub-Signature", legacySha1(body)).body(body)
                .when().post("/webhooks/messenger").then().statusCode(401).contentType("application/problem+json");

        assertThat(customerIdBySocialId(psid)).isNull();
    }

    @Test
    void quickRepliesPostbacksAndEchoesAndABadItemDoesNotLoseTheGoodOnes() throws Exception {
        String psid = uniqueId();
        ObjectNode quickReply = (ObjectNode) JSON.readTree(Files.readAllBytes(FIXTURES.resolve("messenger/messages-event-text.json")));
        ((ObjectNode) quickReply.path("sender")).put("id", psid);
        ((ObjectNode) quickReply.path("message")).put("mid", "m_test-" + UUID.randomUUID());
        ((ObjectNode) quickReply.path("message").path("quick_reply")).put("payload", "SIZE_M");
        Map<String, Object> postback = Map.of("sender", Map.of("id", psid), "recipient", Map.of("id", "PAGE_ID"),
                "timestamp", Instant.now().toEpochMilli(), "postback", Map.of("mid", "m_test-" + UUID.randomUUID(),
                        "title", "Track my order", "payload", "TRACK_ORDER"));
        Map<String, Object> echo = Map.of("sender", Map.of("id", "PAGE_ID"), "recipient", Map.of("id", psid),
                "timestamp", Instant.now().toEpochMilli(), "message", Map.of("mid", "m_test-" + UUID.randomUUID(),
                        "is_echo", true, "text", "an answer the page sent"));
        Map<String, Object> noMid = Map.of("sender", Map.of("id", psid), "recipient", Map.of("id", "PAGE_ID"),
                "timestamp", Instant.now().toEpochMilli(), "message", Map.of("text", "a message without its id"));
        byte[] body = JSON.writeValueAsBytes(Map.of("object", "page", "entry", List.of(Map.of("id", "PAGE_ID",
                "time", Instant.now().toEpochMilli(), "messaging", List.of(quickReply, postback, echo, noMid)))));

        postSigned("messenger", body).statusCode(200).body("messages", equalTo(2)).body("quarantined", equalTo(1));

        assertThat(inboundTexts(conversationOf(psid)))
                .containsExactly("hello, world!\n[Quick reply] SIZE_M", "[Tapped button] Track my order (TRACK_ORDER)");
        JsonPath quarantine = as("supervisor").get("/api/v1/channels/quarantine?limit=500").then().statusCode(200).extract().jsonPath();
        assertThat(quarantine.getList("findAll { it.channel == 'messenger' }.reason", String.class)).contains("missing 'mid'");
        // Meta delivers the same batch again: nothing twice
        postSigned("messenger", body).statusCode(200).body("messages", equalTo(0)).body("duplicates", equalTo(2));
    }

    @Test
    void filesAreFetchedWithinTheSizeLimitAndAnOversizedOneIsRefusedVisibly() throws Exception {
        SendApiStub stub = SendApiStub.start();
        String psid = uniqueId();
        String small = stub.file("photo-" + UUID.randomUUID() + ".jpg", new byte[700]);
        String big = stub.file("video-" + UUID.randomUUID() + ".mp4", new byte[4096]);
        Map<String, Object> event = Map.of("sender", Map.of("id", psid), "recipient", Map.of("id", "PAGE_ID"),
                "timestamp", Instant.now().toEpochMilli(), "message", Map.of("mid", "m_test-" + UUID.randomUUID(),
                        "attachments", List.of(Map.of("type", "image", "payload", Map.of("url", small)),
                                Map.of("type", "video", "payload", Map.of("url", big)))));
        byte[] body = JSON.writeValueAsBytes(Map.of("object", "page", "entry", List.of(Map.of("id", "PAGE_ID",
                "time", Instant.now().toEpochMilli(), "messaging", List.of(event)))));

        postSigned("messenger", body).statusCode(200).body("messages", equalTo(1));

        JsonPath timeline = conversationOf(psid);
        String content = timeline.getString("timeline.find { it.direction == 'inbound' }.content");
        assertThat(content).contains("was not stored").contains("4096 bytes").contains(big.substring(big.lastIndexOf('/') + 1));
        assertThat(timeline.getList("timeline.find { it.direction == 'inbound' }.attachments.sizeBytes", Long.class))
                .containsExactly(700L);
    }

    @Test
    void anAgentReplyGoesThroughTheSendApiAndADeliveryReceiptMovesItForward() throws Exception {
        SendApiStub stub = SendApiStub.start();
        String psid = uniqueId();
        postSigned("messenger", text(psid, "Where is my parcel?")).statusCode(200);
        String conversationId = conversationIdOf(psid);

        String reply = "It left our warehouse today " + UUID.randomUUID();
        String messageId = reply(conversationId, reply);

        SendApiStub.Request sent = await().atMost(Duration.ofSeconds(20))
                .until(() -> stub.requestsTo(psid, reply), r -> r.size() == 1).get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(SendApiStub.PATH);
        assertThat(sent.query()).as("the token travels in a header, never in the URL").isNull();
        assertThat(sent.authorization()).isEqualTo("Bearer " + SendApiStub.TOKEN);
        assertThat(sent.contentType()).startsWith("application/json");
        assertThat(sent.body()).isEqualTo(JSON.valueToTree(Map.of("recipient", Map.of("id", psid),
                "messaging_type", "RESPONSE", "message", Map.of("text", reply))));
        assertThat(sent.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(deliveryStatus(conversationId, messageId)));
        byte[] delivered = JSON.writeValueAsBytes(Map.of("object", "page", "entry", List.of(Map.of("id", "PAGE_ID",
                "time", Instant.now().toEpochMilli(), "messaging", List.of(Map.of("sender", Map.of("id", psid),
                        "recipient", Map.of("id", "PAGE_ID"), "timestamp", Instant.now().toEpochMilli(),
                        "delivery", Map.of("mids", List.of(sent.messageId()), "watermark", Instant.now().toEpochMilli())))))));
        postSigned("messenger", delivered).statusCode(200).body("messages", equalTo(0));
        assertThat(deliveryStatus(conversationId, messageId)).isEqualTo("delivered");
    }

    @Test
    void aReplyTwentyFiveHoursLaterGoesWithTheHumanAgentTagAsThePolicyDecides() throws Exception {
        SendApiStub stub = SendApiStub.start();
        String psid = uniqueId();
        postSigned("messenger", textEvent(TEXT_FIXTURE, psid, "m_test-" + UUID.randomUUID(), "Is my refund on its way?",
                Instant.now().minus(Duration.ofHours(25)))).statusCode(200);
        String conversationId = conversationIdOf(psid);

        String reply = "Yes, it was sent yesterday " + UUID.randomUUID();
        reply(conversationId, reply);

        SendApiStub.Request sent = await().atMost(Duration.ofSeconds(20))
                .until(() -> stub.requestsTo(psid, reply), r -> r.size() == 1).get(0);
        assertThat(sent.body()).isEqualTo(JSON.valueToTree(Map.of("recipient", Map.of("id", psid),
                "messaging_type", "MESSAGE_TAG", "tag", "HUMAN_AGENT", "message", Map.of("text", reply))));
        Map<String, Object> decision = as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId)
                .then().statusCode(200).extract().jsonPath().getMap("find { it.policy == 'channel-reply' && it.inputs.replyKind == 'agent-reply' }");
        assertThat((Map<String, Object>) decision.get("inputs")).containsEntry("channel", "messenger")
                .containsEntry("hoursSinceCustomerWrote", 25).containsEntry("replyKind", "agent-reply");
        assertThat((Map<String, Object>) decision.get("outputs")).containsEntry("channel-reply", "template");
        assertThat((List<Map<String, Object>>) decision.get("fired")).extracting(row -> row.get("id"))
                .containsExactly("meta_human_agent_tag_within_7_days");
    }

    @Test
    void aReplyAWeekLaterIsNotSentOnMessengerButByEmailWhenTheCustomerHasAVerifiedAddress() throws Exception {
        SendApiStub stub = SendApiStub.start();
        String withoutEmail = uniqueId();
        postSigned("messenger", textEvent(TEXT_FIXTURE, withoutEmail, "m_test-" + UUID.randomUUID(), "Hello?",
                Instant.now().minus(Duration.ofDays(8)))).statusCode(200);
        String lonely = conversationIdOf(withoutEmail);
        String undeliverable = reply(lonely, "Sorry for the wait " + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(deliveryStatus(lonely, undeliverable)));
        assertThat(stub.requestsTo(withoutEmail)).as("nothing the platform would refuse is sent").isEmpty();

        String withEmail = uniqueId();
        String email = uniqueEmail("messenger");
        postSigned("messenger", textEvent(TEXT_FIXTURE, withEmail, "m_test-" + UUID.randomUUID(), "Hello again?",
                Instant.now().minus(Duration.ofDays(8)))).statusCode(200);
        // the business's signed-in integration vouches for the address this Messenger user gave it, a week ago too
        Map<String, Object> linked = inbound("messenger", sender(email, null, withEmail, null, null), "my e-mail, for the record");
        linked.put("receivedAt", Instant.now().minus(Duration.ofDays(8)).toString());
        receive(linked);
        String conversationId = conversationIdOf(withEmail);
        String messageId = reply(conversationId, "Here is the answer " + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(deliveryStatus(conversationId, messageId)));
        assertThat(conversation(conversationId).getString("timeline.find { it.id == '" + messageId + "' }.channel"))
                .isEqualTo("email");
        assertThat(stub.requestsTo(withEmail)).isEmpty();
    }
}
