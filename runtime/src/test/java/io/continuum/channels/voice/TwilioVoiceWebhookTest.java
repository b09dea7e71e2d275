package io.continuum.channels.voice;

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
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Twilio's voice webhooks with the published payloads (../shared/fixtures/channels/twilio/voice-*), signed as Twilio
 * signs them; recordings are fetched from a local Twilio stub that checks the exact request. The test profile is
 * always within business hours, so a new caller hears the "gather" menu.
 */
@QuarkusTest
class TwilioVoiceWebhookTest {

    private static final Path FIXTURES = Path.of("../../shared/fixtures/channels/twilio");
    private static final String PUBLIC = TwilioApiStub.PUBLIC_URL + "/webhooks/twilio/voice";
    private static TwilioApiStub twilio;

    @BeforeAll
    static void twilioApi() {
        twilio = TwilioApiStub.start();
    }

    private static String uniquePhone() {
        return "+1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
    }

    private static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static Map<String, String> fixture(String name) {
        try {
            return new LinkedHashMap<>(TwilioForm.parse(Files.readAllBytes(FIXTURES.resolve(name))).fields());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Twilio's published inbound call, with a fresh call sid and caller so earlier runs never interfere. */
    private static Map<String, String> inboundCall(String callSid, String from) {
        Map<String, String> call = fixture("voice-inbound-call.twilio-labs-template.form");
        call.put("CallSid", callSid);
        call.put("From", from);
        call.put("Caller", from);
        return call;
    }

    private static ValidatableResponse post(String path, Map<String, String> fields, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(new String(new TwilioForm(fields).encoded(), StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.when().post("/webhooks/twilio/voice" + path).then();
    }

    private static ValidatableResponse postSigned(String path, Map<String, String> fields) {
        return post(path, fields, TwilioApiStub.sign(TwilioApiStub.AUTH_TOKEN, PUBLIC + path, fields));
    }

    private static String customerIdByPhone(String phone) {
        List<String> ids = as("agent").queryParam("phone", phone).when().get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        return ids == null || ids.isEmpty() ? null : ids.get(0);
    }

    private static String conversationOf(String phone) {
        return as("agent").queryParam("customerId", customerIdByPhone(phone)).when().get("/api/v1/conversations")
                .then().statusCode(200).extract().jsonPath().getString("items[0].id");
    }

    private static List<String> inboundTexts(String conversationId) {
        return conversation(conversationId).getList(
                "timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class);
    }

    private static List<Map<String, Object>> voiceMenuDecisions(String conversationId) {
        return as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId)
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.policy == 'voice-menu' }");
    }

    private static List<String> callbackTasksOf(String conversationId) {
        return as("supervisor").queryParam("group", "agent").when().get("/api/v1/tasks").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.conversationId == '" + conversationId + "' && it.queue == 'callbacks' }.id",
                        String.class);
    }

    @Test
    void aSignedCallIsStoredOnceAndAnsweredWithTheLiveMenu() {
        String phone = uniquePhone();
        Map<String, String> call = inboundCall(sid("CA"), phone);

        String twiml = postSigned("", call).statusCode(200).contentType(containsString("xml")).extract().asString();
        String again = postSigned("", call).statusCode(200).extract().asString();

        assertThat(twiml).startsWith("<?xml").contains("<Response>")
                .contains("<Gather action=\"" + PUBLIC + "/menu\"").contains("numDigits=\"1\"")
                .contains("<Say>Thank you for calling. Press 1 to leave a message")
                .contains("<Enqueue action=\"" + PUBLIC + "/queue\">support</Enqueue>");
        assertThat(again).as("a redelivery is answered alike").isEqualTo(twiml);
        String conversationId = conversationOf(phone);
        assertThat(inboundTexts(conversationId)).containsExactly("Phone call from the customer");
        assertThat(conversation(conversationId).getList("channelsUsed", String.class)).contains("voice");
        assertThat(voiceMenuDecisions(conversationId)).as("decided once, logged once").hasSize(1);
        JsonPath decision = as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId)
                .then().statusCode(200).extract().jsonPath().setRootPath("find { it.policy == 'voice-menu' }");
        assertThat(decision.getList("fired.id", String.class)).containsExactly("new_caller_chooses");
        assertThat(decision.getBoolean("inputs.businessHours")).isTrue();
        assertThat(decision.getBoolean("inputs.hasOpenConversation")).isFalse();
        assertThat(decision.getString("outputs.'voice-menu'.action")).isEqualTo("gather");
    }

    @Test
    void aCallIsTriagedButNeverAnsweredInWritingNorHandedOffTwice() {
        String phone = uniquePhone();
        postSigned("", inboundCall(sid("CA"), phone)).statusCode(200);
        String conversationId = conversationOf(phone);

        await().atMost(Duration.ofSeconds(30)).until(() -> as("supervisor").when()
                .get("/api/v1/conversations/{id}/decisions", conversationId).then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.policy == 'severity' }").size() == 1);

        JsonPath view = conversation(conversationId);
        assertThat(view.getList("timeline.findAll { it.type == 'message' && it.direction == 'outbound' }")).isEmpty();
        assertThat((Object) view.get("handoffBrief")).as("the phone menu and callback tasks bring people to a call").isNull();
        assertThat(as("supervisor").when().get("/api/v1/deliveries/dead-letters").then().statusCode(200).extract()
                .asString()).doesNotContain(conversationId);
    }

    @Test
    void tamperedMissingOrForeignSignaturesAreRefusedAndNothingIsStored() {
        String phone = uniquePhone();
        Map<String, String> call = inboundCall(sid("CA"), phone);
        String signature = TwilioApiStub.sign(TwilioApiStub.AUTH_TOKEN, PUBLIC, call);
        Map<String, String> tampered = new LinkedHashMap<>(call);
        tampered.put("CallStatus", "in-progress");

        post("", tampered, signature).statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("detail", containsString("X-Twilio-Signature"));
        post("", call, TwilioApiStub.sign("another-auth-token", PUBLIC, call)).statusCode(401).contentType("application/problem+json");
        post("", call, null).statusCode(401).contentType("application/problem+json");
        post("/status", call, signature).statusCode(401); // a signature is for its own URL
        post("/recording", call, null).statusCode(401);

        assertThat(customerIdByPhone(phone)).isNull();
    }

    @Test
    void aCallerWhoTextedFirstIsTheSameCustomerAndGoesStraightToAPerson() {
        String phone = uniquePhone();
        Map<String, String> sms = fixture("sms-inbound.real-capture.form");
        String smsSid = sid("SM");
        sms.put("MessageSid", smsSid);
        sms.put("SmsMessageSid", smsSid);
        sms.put("SmsSid", smsSid);
        sms.put("From", phone);
        sms.put("Body", "My card was charged twice");
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(new String(new TwilioForm(sms).encoded(), StandardCharsets.UTF_8))
                .header("X-Twilio-Signature", TwilioApiStub.sign(TwilioApiStub.AUTH_TOKEN,
                        TwilioApiStub.PUBLIC_URL + "/webhooks/twilio/sms", sms))
                .when().post("/webhooks/twilio/sms").then().statusCode(200);
        String customerId = customerIdByPhone(phone);

        String twiml = postSigned("", inboundCall(sid("CA"), phone)).statusCode(200).extract().asString();

        assertThat(customerIdByPhone(phone)).isEqualTo(customerId);
        String conversationId = conversationOf(phone);
        assertThat(inboundTexts(conversationId)).containsExactly("My card was charged twice", "Phone call from the customer");
        assertThat(twiml).contains("<Say>Thank you for calling. Please hold while we connect you")
                .contains(">support</Enqueue>").doesNotContain("<Gather");
    }

    @Test
    void aMissedCallBecomesOneCallbackTask() {
        String phone = uniquePhone();
        String callSid = sid("CA");
        postSigned("", inboundCall(callSid, phone)).statusCode(200);
        String conversationId = conversationOf(phone);
        Map<String, String> busy = fixture("voice-status-callback.form");
        busy.put("CallSid", callSid);
        busy.put("From", phone);
        busy.put("Caller", phone);
        assertThat(busy).containsEntry("CallStatus", "busy");

        postSigned("/status", busy).statusCode(200).contentType(containsString("xml")).body(containsString("<Response"));
        postSigned("/status", busy).statusCode(200);

        assertThat(callbackTasksOf(conversationId)).hasSize(1);
        assertThat(conversation(conversationId).getList("timeline.findAll { it.type == 'note' }.content", String.class))
                .containsExactly("Call the customer back: the call was busy.");
        assertThat(inboundTexts(conversationId)).as("the status callback is the same call").hasSize(1);
    }

    @Test
    void aCompletedCallLeavesNoTask() {
        String phone = uniquePhone();
        String callSid = sid("CA");
        postSigned("", inboundCall(callSid, phone)).statusCode(200);
        Map<String, String> completed = fixture("voice-status-callback.form");
        completed.put("CallSid", callSid);
        completed.put("From", phone);
        completed.put("CallStatus", "completed");

        postSigned("/status", completed).statusCode(200);

        assertThat(callbackTasksOf(conversationOf(phone))).isEmpty();
    }

    @Test
    void aCallerWhoHangsUpInTheQueueIsCalledBack() {
        String phone = uniquePhone();
        String callSid = sid("CA");
        postSigned("", inboundCall(callSid, phone)).statusCode(200);
        Map<String, String> left = inboundCall(callSid, phone);
        left.put("QueueResult", "hangup");
        left.put("QueueTime", "42");
        left.put("QueueSid", sid("QU"));

        postSigned("/queue", left).statusCode(200);

        String conversationId = conversationOf(phone);
        assertThat(callbackTasksOf(conversationId)).hasSize(1);
        assertThat(conversation(conversationId).getList("timeline.findAll { it.type == 'note' }.content", String.class))
                .containsExactly("Call the customer back: they hung up after 42 s waiting for a person.");
    }

    @Test
    void aVoicemailIsRecordedFetchedAsAnAttachmentTranscribedAndCalledBack() {
        String phone = uniquePhone();
        String callSid = sid("CA");
        postSigned("", inboundCall(callSid, phone)).statusCode(200);
        Map<String, String> pressedOne = inboundCall(callSid, phone);
        pressedOne.put("Digits", "1");
        String menu = postSigned("/menu", pressedOne).statusCode(200).extract().asString();
        assertThat(menu).contains("<Say>Leave a message after the tone and we will call you back.</Say>")
                .contains("<Record action=\"" + PUBLIC + "/recording\"").contains("maxLength=\"120\"")
                .contains("transcribe=\"true\"").contains("transcribeCallback=\"" + PUBLIC + "/transcription\"");

        String recordingSid = sid("RE");
        byte[] mp3 = new byte[700];
        ThreadLocalRandom.current().nextBytes(mp3);
        Map<String, String> recorded = inboundCall(callSid, phone);
        recorded.put("RecordingSid", recordingSid);
        recorded.put("RecordingUrl", twilio.recording(recordingSid, mp3));
        recorded.put("RecordingDuration", "14");
        recorded.put("Digits", "hangup");
        String goodbye = postSigned("/recording", recorded).statusCode(200).extract().asString();
        postSigned("/recording", recorded).statusCode(200);

        assertThat(goodbye).contains("<Say>Thank you. We will call you back. Goodbye.</Say>").contains("<Hangup/>");
        List<TwilioApiStub.Request> downloads = twilio.requestsTo(TwilioApiStub.recordingPath(recordingSid) + ".mp3");
        assertThat(downloads).as("fetched once, with the account's credentials").hasSize(1);
        assertThat(downloads.get(0).method()).isEqualTo("GET");
        assertThat(downloads.get(0).authorization()).isEqualTo(TwilioApiStub.BASIC_AUTH);
        assertThat(downloads.get(0).status()).isEqualTo(200);
        String conversationId = conversationOf(phone);
        JsonPath timeline = conversation(conversationId);
        assertThat(timeline.getList("timeline.find { it.content == 'Voicemail (14 s)' }.attachments.fileName", String.class))
                .containsExactly("voicemail-" + recordingSid + ".mp3");
        String attachmentId = timeline.getString("timeline.find { it.content == 'Voicemail (14 s)' }.attachments[0].id");
        byte[] stored = as("agent").when().get("/api/v1/conversations/{id}/attachments/{a}", conversationId, attachmentId)
                .then().statusCode(200).extract().asByteArray();
        assertThat(stored).isEqualTo(mp3);
        assertThat(callbackTasksOf(conversationId)).hasSize(1);

        Map<String, String> transcription = inboundCall(callSid, phone);
        transcription.put("RecordingSid", recordingSid);
        transcription.put("RecordingUrl", recorded.get("RecordingUrl"));
        transcription.put("TranscriptionSid", sid("TR"));
        transcription.put("TranscriptionStatus", "completed");
        transcription.put("TranscriptionText", "Hi, my invoice shows the wrong amount, please call me back.");
        transcription.put("TranscriptionType", "fast");
        postSigned("/transcription", transcription).statusCode(200);
        postSigned("/transcription", transcription).statusCode(200);

        assertThat(inboundTexts(conversationId)).containsExactly("Phone call from the customer", "Voicemail (14 s)",
                "Voicemail transcription: Hi, my invoice shows the wrong amount, please call me back.");
    }

    @Test
    void aCallerWithAnOpenCaseHearsItsStatusFromTheCase() {
        String phone = uniquePhone();
        postSigned("", inboundCall(sid("CA"), phone)).statusCode(200);
        String conversationId = conversationOf(phone);
        String resolution = as("agent").body(Map.of("title", "Invoices wrong " + UUID.randomUUID()))
                .when().post("/api/v1/conversations/{id}/resolution", conversationId)
                .then().statusCode(201).extract().path("id");
        as("engineer").body(Map.of("text", "We found the rounding error in the invoice totals."))
                .when().post("/api/v1/resolutions/{id}/updates", resolution).then().statusCode(201);

        String twiml = postSigned("", inboundCall(sid("CA"), phone)).statusCode(200).extract().asString();

        assertThat(twiml).contains("<Say>Thank you for calling. Here is the latest on the case you reported. Your case is "
                + "investigating. The latest update: We found the rounding error in the invoice totals.</Say>")
                .contains(">support</Enqueue>");
        assertThat(voiceMenuDecisions(conversationId)).hasSize(2);
    }

    @Test
    void aCaseUpdateThatPromisesATimeNoEngineerSetIsNeverSpoken() {
        String phone = uniquePhone();
        postSigned("", inboundCall(sid("CA"), phone)).statusCode(200);
        String conversationId = conversationOf(phone);
        String resolution = as("agent").body(Map.of("title", "Login broken " + UUID.randomUUID()))
                .when().post("/api/v1/conversations/{id}/resolution", conversationId)
                .then().statusCode(201).extract().path("id");
        as("engineer").body(Map.of("text", "It will be fixed tomorrow."))
                .when().post("/api/v1/resolutions/{id}/updates", resolution).then().statusCode(201);

        String twiml = postSigned("", inboundCall(sid("CA"), phone)).statusCode(200).extract().asString();

        assertThat(twiml).doesNotContain("tomorrow").contains("Here is the latest on the case you reported.")
                .contains("we will keep you updated");
        List<String> failsafeRules = as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId)
                .then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.policy == 'ai-failsafes' }.fired.flatten().id", String.class);
        assertThat(failsafeRules).contains("never-fabricate-eta");
    }
}
