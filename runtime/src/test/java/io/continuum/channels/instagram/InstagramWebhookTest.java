package io.continuum.channels.instagram;

import io.continuum.channels.EmailServer;
import io.continuum.channels.SendApiStub;
import io.continuum.channels.TwilioApiStub;
import io.continuum.connectors.meta.HubSignature;
import io.continuum.connectors.sms.TwilioForm;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
import static org.hamcrest.Matchers.equalTo;

/** The Instagram messaging webhook (published payload), story replies and mentions, read receipts, one timeline across channels. */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class InstagramWebhookTest {

    private static final String TEXT_FIXTURE = "instagram/messaging-webhook-text.json";

    @BeforeAll
    static void sendApi() {
        SendApiStub.start();
    }

    private static byte[] event(Map<String, Object> messagingEvent) throws Exception {
        return JSON.writeValueAsBytes(Map.of("object", "instagram", "entry", List.of(Map.of("id", "IGID",
                "time", Instant.now().toEpochMilli(), "messaging", List.of(messagingEvent)))));
    }

    private static Map<String, Object> from(String igsid, String kind, Object body) {
        return Map.of("sender", Map.of("id", igsid), "recipient", Map.of("id", "IGID"), "timestamp", Instant.now().toEpochMilli(),
                kind, body);
    }

    @Test
    void verificationHandshakeUsesTheMetaVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "meta-verify-token")
                .queryParam("hub.challenge", "8302").when().get("/webhooks/instagram").then().statusCode(200).body(equalTo("8302"));
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "meta-verify-token")
                .queryParam("hub.challenge", "8302").when().get("/webhooks/instagram").then().statusCode(403);
    }

    @Test
    void thePublishedTextEventIsStoredOnceAndForgedOnesAreRefused() throws Exception {
        String igsid = uniqueId();
        byte[] body = textEvent(TEXT_FIXTURE, igsid, "ig-test-" + UUID.randomUUID(), "MESSAGE-TEXT", Instant.now());

        post("instagram", body, HubSignature.sign("ANOTHER_APP_SECRET", body)).statusCode(401).contentType("application/problem+json");
        post("instagram", body, null).statusCode(401).contentType("application/problem+json");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("MESSAGE-TEXT", "MESSAGE-TEXS").getBytes(StandardCharsets.UTF_8);
        post("instagram", tampered, HubSignature.sign(SECRET, body)).statusCode(401);
        assertThat(customerIdBySocialId(igsid)).isNull();
        // a Messenger payload signed correctly is no Instagram payload
        byte[] page = new String(body, StandardCharsets.UTF_8).replace("\"instagram\"", "\"page\"").getBytes(StandardCharsets.UTF_8);
        postSigned("instagram", page).statusCode(400).contentType("application/problem+json");

        postSigned("instagram", body).statusCode(200).body("messages", equalTo(1));
        postSigned("instagram", body).statusCode(200).body("duplicates", equalTo(1));
        JsonPath timeline = conversationOf(igsid);
        assertThat(inboundTexts(timeline)).containsExactly("MESSAGE-TEXT");
        assertThat(timeline.getList("channelsUsed", String.class)).containsExactly("instagram");
    }

    @Test
    void storyRepliesAndMentionsBecomeMessagesAndEchoesDoNot() throws Exception {
        String igsid = uniqueId();
        postSigned("instagram", event(from(igsid, "message", Map.of("mid", "ig-test-" + UUID.randomUUID(), "text", "Love this colour",
                "reply_to", Map.of("story", Map.of("url", "https://lookaside.fbsbx.com/story/1", "id", "17890")))))).statusCode(200)
                .body("messages", equalTo(1));
        postSigned("instagram", event(from(igsid, "message", Map.of("mid", "ig-test-" + UUID.randomUUID(),
                "attachments", List.of(Map.of("type", "story_mention", "payload", Map.of("url", "https://lookaside.fbsbx.com/story/2")))))))
                .statusCode(200).body("messages", equalTo(1));
        postSigned("instagram", event(Map.of("sender", Map.of("id", "IGID"), "recipient", Map.of("id", igsid),
                "timestamp", Instant.now().toEpochMilli(), "message", Map.of("mid", "ig-test-" + UUID.randomUUID(), "is_echo", true,
                        "text", "our own answer")))).statusCode(200).body("messages", equalTo(0));

        assertThat(inboundTexts(conversationOf(igsid))).containsExactly(
                "[Replied to your story] https://lookaside.fbsbx.com/story/1\nLove this colour",
                "[Mentioned you in their story] https://lookaside.fbsbx.com/story/2");
    }

    @Test
    void aReplyIsSentAndReadReceiptsOnlyMoveItForward() throws Exception {
        SendApiStub stub = SendApiStub.start();
        String igsid = uniqueId();
        postSigned("instagram", textEvent(TEXT_FIXTURE, igsid, "ig-test-" + UUID.randomUUID(), "Do you ship to Oslo?", Instant.now()))
                .statusCode(200);
        String conversationId = conversationIdOf(igsid);
        String reply = "We do, in 3 days " + UUID.randomUUID();
        String messageId = as("agent").body(Map.of("content", reply)).when()
                .post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201).extract().path("id");

        SendApiStub.Request sent = await().atMost(Duration.ofSeconds(20))
                .until(() -> stub.requestsTo(igsid, reply), r -> r.size() == 1).get(0);
        assertThat(sent.body()).isEqualTo(JSON.valueToTree(Map.of("recipient", Map.of("id", igsid),
                "messaging_type", "RESPONSE", "message", Map.of("text", reply))));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(conversationId, messageId)));

        postSigned("instagram", event(from(igsid, "read", Map.of("mid", sent.messageId())))).statusCode(200);
        assertThat(status(conversationId, messageId)).isEqualTo("read");
        // a late delivery receipt never moves "read" back
        postSigned("instagram", event(from(igsid, "delivery", Map.of("mids", List.of(sent.messageId()))))).statusCode(200);
        assertThat(status(conversationId, messageId)).isEqualTo("read");
    }

    @Test
    void instagramSmsMessengerAndEmailOfOneVerifiedPersonAreOneTimeline() throws Exception {
        String igsid = uniqueId();
        String psid = uniqueId();
        String email = uniqueEmail("social");
        String phone = "+1415556" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
        postSigned("instagram", textEvent(TEXT_FIXTURE, igsid, "ig-test-" + UUID.randomUUID(), "My order 4411 is late",
                Instant.now())).statusCode(200);
        // Meta gives the person other ids on Messenger and Instagram; the business's signed-in integration knows both
        // accounts as this customer's (they linked them on its site), with their e-mail address and phone number
        receive(inbound("instagram", sender(email, phone, igsid, null, null), "linked my Instagram account"));
        receive(inbound("messenger", sender(email, null, psid, null, null), "linked my Messenger account"));
        textBySms(phone, "Texting about 4411 now");
        postSigned("messenger", textEvent("messenger/webhook-body-text-message.json", psid, "m_test-" + UUID.randomUUID(),
                "Any news on 4411?", Instant.now())).statusCode(200);
        String byEmail = receive(inbound("email", sender(email, null, null, null, null), "Writing by e-mail now about 4411"))
                .getString("customerId");

        assertThat(customerIdBySocialId(igsid)).isEqualTo(byEmail);
        assertThat(customerIdBySocialId(psid)).isEqualTo(byEmail);
        assertThat(as("agent").queryParam("phone", phone).when().get("/api/v1/customers").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(byEmail);
        JsonPath timeline = conversation(conversationIdOf(igsid));
        assertThat(inboundTexts(timeline)).contains("My order 4411 is late", "Texting about 4411 now", "Any news on 4411?",
                "Writing by e-mail now about 4411");
        assertThat(timeline.getList("channelsUsed", String.class)).contains("instagram", "sms", "messenger", "email");
    }

    /** An SMS as Twilio delivers it: its published form, signed with the configured auth token. */
    private static void textBySms(String phone, String body) throws Exception {
        Map<String, String> sms = new LinkedHashMap<>(TwilioForm.parse(Files.readAllBytes(
                Path.of("../../shared/fixtures/channels/twilio/sms-inbound.real-capture.form"))).fields());
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        sms.put("MessageSid", sid);
        sms.put("SmsMessageSid", sid);
        sms.put("SmsSid", sid);
        sms.put("From", phone);
        sms.put("Body", body);
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(new String(new TwilioForm(sms).encoded(), StandardCharsets.UTF_8))
                .header("X-Twilio-Signature", TwilioApiStub.sign(TwilioApiStub.AUTH_TOKEN,
                        TwilioApiStub.PUBLIC_URL + "/webhooks/twilio/sms", sms))
                .when().post("/webhooks/twilio/sms").then().statusCode(200);
    }

    private static String status(String conversationId, String messageId) {
        return conversation(conversationId).getString("timeline.find { it.id == '" + messageId + "' }.deliveryStatus");
    }
}
