package io.continuum.channels.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.channels.TwilioApiStub;
import io.continuum.connectors.sms.TwilioForm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The Twilio SMS webhook and replies through the Messages API (a local stub checking the exact request). */
@QuarkusTest
class TwilioSmsWebhookTest {

    private static final Path FIXTURES = Path.of("../../shared/fixtures/channels");
    private static final String SIGNED_URL = TwilioApiStub.PUBLIC_URL + "/webhooks/twilio/sms";
    private static TwilioApiStub twilio;

    @BeforeAll
    static void twilioApi() {
        twilio = TwilioApiStub.start();
    }

    private static String uniquePhone() {
        List<String> areas = List.of("212", "646", "917", "718", "415", "650");
        return "+1" + areas.get(ThreadLocalRandom.current().nextInt(areas.size())) + "555"
                + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
    }

    private static String uniqueSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The captured inbound SMS, with a fresh message sid, sender and text so earlier runs never interfere. */
    private static Map<String, String> inboundSms(String sid, String from, String text) {
        try {
            Map<String, String> fields = new LinkedHashMap<>(TwilioForm.parse(
                    Files.readAllBytes(FIXTURES.resolve("twilio/sms-inbound.real-capture.form"))).fields());
            fields.put("MessageSid", sid);
            fields.put("SmsMessageSid", sid);
            fields.put("SmsSid", sid);
            fields.put("From", from);
            fields.put("Body", text);
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> statusCallback(String sid, String status) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MessageSid", sid);
        fields.put("SmsSid", sid);
        fields.put("MessageStatus", status);
        fields.put("SmsStatus", status);
        fields.put("AccountSid", TwilioApiStub.ACCOUNT_SID);
        fields.put("From", TwilioApiStub.FROM_NUMBER);
        if ("undelivered".equals(status)) {
            fields.put("ErrorCode", "30003");
        }
        return fields;
    }

    private static ValidatableResponse post(Map<String, String> fields, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(formBody(fields));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.when().post("/webhooks/twilio/sms").then();
    }

    /** The form as Twilio posts it, as text: the bytes are sent as they are (no re-encoding by the client). */
    private static String formBody(Map<String, String> fields) {
        return new String(new TwilioForm(fields).encoded(), StandardCharsets.UTF_8);
    }

    private static ValidatableResponse postSigned(Map<String, String> fields) {
        return post(fields, TwilioApiStub.sign(TwilioApiStub.AUTH_TOKEN, SIGNED_URL, fields));
    }

    private static String customerIdByPhone(String phone) {
        List<String> ids = as("agent").queryParam("phone", phone).when().get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        return ids == null || ids.isEmpty() ? null : ids.get(0);
    }

    private static String conversationOf(String customerId) {
        return as("agent").queryParam("customerId", customerId).when().get("/api/v1/conversations")
                .then().statusCode(200).extract().jsonPath().getString("items[0].id");
    }

    private static List<String> inboundTexts(String conversationId) {
        return conversation(conversationId).getList(
                "timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class);
    }

    private static String reply(String conversationId, String text) {
        return as("agent").body(Map.of("content", text, "channel", "sms"))
                .when().post("/api/v1/conversations/{id}/messages", conversationId)
                .then().statusCode(201).extract().path("id");
    }

    private static JsonPath delivery(String messageId) {
        return as("agent").queryParam("messageId", messageId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String deliveryStatusOf(String conversationId, String messageId) {
        return conversation(conversationId).getString("timeline.find { it.id == '" + messageId + "' }.deliveryStatus");
    }

    @Test
    void ourTestSignerComputesTwilioPublishedVector() throws IOException {
        JsonNode vector = new ObjectMapper().readTree(FIXTURES.resolve("signature-test-vectors.json").toFile())
                .path("twilio_x_twilio_signature_form");
        Map<String, String> params = new LinkedHashMap<>();
        vector.path("params").fields().forEachRemaining(field -> params.put(field.getKey(), field.getValue().asText()));

        assertThat(TwilioApiStub.sign(vector.path("auth_token").asText(), vector.path("url").asText(), params))
                .isEqualTo(vector.path("expected_signature").asText());
    }

    @Test
    void signedSmsIsStoredOnceEvenWhenTwilioDeliversItAgain() {
        String phone = uniquePhone();
        Map<String, String> sms = inboundSms(uniqueSid(), phone, "My parcel never arrived");

        postSigned(sms).statusCode(200).contentType(containsString("xml")).body(containsString("<Response/>"));
        postSigned(sms).statusCode(200);

        String customerId = customerIdByPhone(phone);
        assertThat(customerId).as("the sender's number is a verified identifier").isNotNull();
        String conversationId = conversationOf(customerId);
        assertThat(inboundTexts(conversationId)).containsExactly("My parcel never arrived");
        assertThat(conversation(conversationId).getList("channelsUsed", String.class)).contains("sms");
    }

    @Test
    void badOrMissingSignatureIsRefusedAndNothingIsStored() {
        String phone = uniquePhone();
        Map<String, String> sms = inboundSms(uniqueSid(), phone, "should never be stored");
        String signature = TwilioApiStub.sign(TwilioApiStub.AUTH_TOKEN, SIGNED_URL, sms);
        Map<String, String> tampered = new LinkedHashMap<>(sms);
        tampered.put("Body", "should never be stored either");

        post(tampered, signature).statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("detail", containsString("X-Twilio-Signature"));
        post(sms, TwilioApiStub.sign("another-auth-token", SIGNED_URL, sms)).statusCode(401);
        post(sms, null).statusCode(401).contentType("application/problem+json");
        // signed for the address the request reached behind the proxy, not the public one Twilio was given
        post(sms, TwilioApiStub.sign(TwilioApiStub.AUTH_TOKEN, "http://localhost:8081/webhooks/twilio/sms", sms)).statusCode(401);
        // a query string is part of what Twilio signs
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(formBody(sms))
                .header("X-Twilio-Signature", signature).queryParam("tenant", "other")
                .when().post("/webhooks/twilio/sms").then().statusCode(401);

        assertThat(customerIdByPhone(phone)).isNull();
    }

    @Test
    void mmsMediaBecomeAttachmentsAndATooLargeFileIsANote() {
        String phone = uniquePhone();
        String sid = uniqueSid();
        byte[] small = new byte[512];
        ThreadLocalRandom.current().nextBytes(small);
        String smallUrl = twilio.media("ME" + UUID.randomUUID().toString().replace("-", ""), small);
        String largeUrl = twilio.media("ME" + UUID.randomUUID().toString().replace("-", ""), new byte[4096]);
        Map<String, String> mms = inboundSms(sid, phone, "Photo of the damage");
        mms.put("NumMedia", "2");
        mms.put("MediaUrl0", smallUrl);
        mms.put("MediaContentType0", "image/png");
        mms.put("MediaUrl1", largeUrl);
        mms.put("MediaContentType1", "image/png");

        postSigned(mms).statusCode(200);

        String conversationId = conversationOf(customerIdByPhone(phone));
        JsonPath timeline = conversation(conversationId);
        assertThat(timeline.getList("timeline.find { it.type == 'message' }.attachments.fileName", String.class))
                .containsExactly("mms-" + sid + "-0.png");
        assertThat(inboundTexts(conversationId).get(0)).startsWith("Photo of the damage")
                .contains("mms-" + sid + "-1.png was not stored: 4096 bytes exceeds the limit of 2048 bytes");
    }

    @Test
    void replyGoesThroughTheMessagesApiAndStatusCallbacksOnlyMoveItForward() {
        String phone = uniquePhone();
        postSigned(inboundSms(uniqueSid(), phone, "Where is my refund?")).statusCode(200);
        String conversationId = conversationOf(customerIdByPhone(phone));
        String marker = "refund-" + UUID.randomUUID();

        String messageId = reply(conversationId, "Your refund left today " + marker);

        await().atMost(Duration.ofSeconds(10)).until(() -> !twilio.requestsContaining(marker).isEmpty());
        TwilioApiStub.Request sent = twilio.requestsContaining(marker).get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(TwilioApiStub.MESSAGES_PATH);
        assertThat(sent.authorization()).isEqualTo(TwilioApiStub.BASIC_AUTH);
        assertThat(sent.form().fields()).containsEntry("To", phone).containsEntry("From", TwilioApiStub.FROM_NUMBER)
                .containsEntry("Body", "Your refund left today " + marker).containsEntry("StatusCallback", SIGNED_URL);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(deliveryStatusOf(conversationId, messageId)));
        assertThat(delivery(messageId).getString("providerMessageId")).isEqualTo(sent.sid());

        postSigned(statusCallback(sent.sid(), "queued")).statusCode(200);
        assertThat(deliveryStatusOf(conversationId, messageId)).isEqualTo("sent");
        postSigned(statusCallback(sent.sid(), "delivered")).statusCode(200);
        assertThat(deliveryStatusOf(conversationId, messageId)).isEqualTo("delivered");
        postSigned(statusCallback(sent.sid(), "sent")).statusCode(200);
        assertThat(deliveryStatusOf(conversationId, messageId)).as("a late 'sent' never undoes 'delivered'").isEqualTo("delivered");
        assertThat(twilio.requestsContaining(marker)).hasSize(1);
    }

    @Test
    void undeliveredStatusMarksTheReplyFailedWithTwiliosErrorCode() {
        String phone = uniquePhone();
        postSigned(inboundSms(uniqueSid(), phone, "Call me back please")).statusCode(200);
        String conversationId = conversationOf(customerIdByPhone(phone));
        String marker = "undelivered-" + UUID.randomUUID();
        String messageId = reply(conversationId, "We tried to call " + marker);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(deliveryStatusOf(conversationId, messageId)));

        postSigned(statusCallback(twilio.requestsContaining(marker).get(0).sid(), "undelivered")).statusCode(200);

        assertThat(deliveryStatusOf(conversationId, messageId)).isEqualTo("failed");
        assertThat(delivery(messageId).getString("lastError")).isEqualTo("undelivered (Twilio error 30003)");
    }

    @Test
    void aSendWhoseOutcomeIsUnknownIsNeverSentAgain() {
        String phone = uniquePhone();
        postSigned(inboundSms(uniqueSid(), phone, "Is my order shipped?")).statusCode(200);
        String conversationId = conversationOf(customerIdByPhone(phone));
        String marker = "unknown-" + UUID.randomUUID();
        twilio.script(marker, 500);

        String messageId = reply(conversationId, "It shipped " + marker);

        await().atMost(Duration.ofSeconds(10)).until(() -> "unknown".equals(deliveryStatusOf(conversationId, messageId)));
        JsonPath delivery = delivery(messageId);
        assertThat(delivery.getString("status")).isEqualTo("dead");
        assertThat(delivery.getString("lastError")).contains("may have been sent");
        assertThat(twilio.requestsContaining(marker)).hasSize(1);
    }

    @Test
    void afterStopNoSmsAndNoProactiveUpdateGoesOutUntilStart() {
        String phone = uniquePhone();
        postSigned(inboundSms(uniqueSid(), phone, "My payments are failing")).statusCode(200);
        String customerId = customerIdByPhone(phone);
        String conversationId = conversationOf(customerId);
        postSigned(inboundSms(uniqueSid(), phone, "STOP")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "withdrawn".equals(proactiveUpdates(customerId).getString("status")));
        assertThat(proactiveUpdates(customerId).getString("source")).isEqualTo("sms-keyword");

        String marker = "after-stop-" + UUID.randomUUID();
        as("agent").body(Map.of("content", "We looked into it " + marker, "channel", "sms"))
                .when().post("/api/v1/conversations/{id}/messages", conversationId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("channel-opted-out")).body("detail", containsString("opted out of sms"))
                .body("detail", containsString("Reply on another channel"));
        as("agent").body(Map.of("content", "We looked into it " + marker))
                .when().post("/api/v1/conversations/{id}/messages", conversationId)
                .then().statusCode(409); // the conversation's current channel is SMS too
        assertThat(conversation(conversationId).getList("timeline.findAll { it.type == 'message' }.content", String.class))
                .as("nothing refused is stored").noneSatisfy(text -> assertThat(text).contains(marker));
        assertThat(twilio.requestsContaining(marker)).isEmpty();

        String resolution = as("agent").body(Map.of("title", "Payments failing " + UUID.randomUUID()))
                .when().post("/api/v1/conversations/{id}/resolution", conversationId)
                .then().statusCode(201).extract().path("id");
        String news = "We found the faulty gateway " + UUID.randomUUID();
        as("engineer").body(Map.of("text", news)).when().post("/api/v1/resolutions/{id}/updates", resolution)
                .then().statusCode(201);
        assertThat(conversation(conversationId).getList("timeline.findAll { it.type == 'message' }.content", String.class))
                .noneSatisfy(text -> assertThat(text).contains(news));
        assertThat(twilio.requestsContaining(news)).isEmpty();

        postSigned(inboundSms(uniqueSid(), phone, "START")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "granted".equals(proactiveUpdates(customerId).getString("status")));
        String again = "after-start-" + UUID.randomUUID();
        reply(conversationId, "Welcome back " + again);
        await().atMost(Duration.ofSeconds(10)).until(() -> twilio.requestsContaining(again).size() == 1);
    }

    private static JsonPath proactiveUpdates(String customerId) {
        return as("agent").when().get("/api/v1/customers/{id}/consents", customerId).then().statusCode(200).extract().jsonPath()
                .setRootPath("current.find { it.purpose == 'proactive-updates' }");
    }

    @Test
    void aCustomerWhoWroteBySmsAndOnTheWebWithTheSameVerifiedNumberHasOneTimeline() {
        String phone = uniquePhone();
        postSigned(inboundSms(uniqueSid(), phone, "First by SMS")).statusCode(200);
        String customerId = customerIdByPhone(phone);

        JsonPath web = receive(inbound("web_chat", sender(null, phone, null, "Dana", null), "Then on the web"));

        assertThat(web.getString("customerId")).isEqualTo(customerId);
        List<String> theirConversations = as("agent").queryParam("customerId", customerId).when().get("/api/v1/conversations")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(theirConversations.stream().flatMap(id -> inboundTexts(id).stream()).toList())
                .containsExactlyInAnyOrder("First by SMS", "Then on the web");
    }

    @Test
    void aSignedItemThatCannotBeReadIsQuarantinedNotLost() {
        Map<String, String> broken = inboundSms(uniqueSid(), uniquePhone(), "no sender");
        broken.remove("From");

        postSigned(broken).statusCode(200);

        String sid = broken.get("MessageSid");
        JsonPath quarantine = as("supervisor").when().get("/api/v1/channels/quarantine?limit=500").then().statusCode(200)
                .extract().jsonPath();
        assertThat(quarantine.getList("findAll { it.reference == '" + sid + "' }.reason", String.class))
                .containsExactly("missing 'From'");
    }
}
