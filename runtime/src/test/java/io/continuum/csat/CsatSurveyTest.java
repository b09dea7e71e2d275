package io.continuum.csat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.channels.EmailServer;
import io.continuum.channels.GraphApiStub;
import io.continuum.connectors.meta.HubSignature;
import io.continuum.support.ChatClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.continuum.support.Api.uniquePhoneDigits;
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
import static org.hamcrest.Matchers.not;

/**
 * Satisfaction surveys in the customer's channel: a signed link by e-mail that records one answer until it
 * expires, rows on WhatsApp, buttons in the web chat; never to a customer who has not consented.
 */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class CsatSurveyTest {

    private static final Pattern LINK = Pattern.compile("/csat/([A-Za-z0-9_-]{32}\\.[A-Za-z0-9_-]{43})");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/ws/chat")
    URI socketUri;

    @Inject
    EntityManager entityManager;

    @Inject
    CsatSurveys surveys;

    @BeforeAll
    static void graphApi() {
        GraphApiStub.start();
    }

    private static void consent(String customerId, boolean granted) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("purpose", "surveys");
        statement.put("granted", granted);
        statement.put("source", "web-chat-widget");
        statement.put("textShown", "May we ask you how we did?");
        as("agent").body(statement).when().post("/api/v1/customers/{id}/consents", customerId).then().statusCode(201);
    }

    /** Resolves the conversation once first contact has triaged it, unless the AI already resolved it (deflected). */
    private static void resolve(String conversationId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId).getString("intent") != null);
        if ("resolved".equals(conversation(conversationId).getString("state"))) {
            return;
        }
        as("agent").body(Map.of("to", "resolved", "reason", "answered")).when()
                .post("/api/v1/conversations/{id}/transitions", conversationId).then().statusCode(200);
    }

    private static Response requestSurvey(String conversationId) {
        return as("agent").when().post("/api/v1/conversations/{id}/csat-requests", conversationId).then()
                .log().ifError().extract().response();
    }

    /** A customer who wrote by e-mail, consented to surveys, and whose conversation is resolved. */
    private static String resolvedEmailConversation(String email) {
        var received = receive(inbound("email", sender(email, null, null, "Rita Rater", null), "Where is my parcel?"));
        consent(received.getString("customerId"), true);
        resolve(received.getString("conversationId"));
        return received.getString("conversationId");
    }

    /** A survey mailed for a resolved conversation: its conversation, its id and the token of its link. */
    private record Mailed(String conversationId, String surveyId, String token) {
    }

    private static Mailed surveyMailedTo(String email) {
        String conversationId = resolvedEmailConversation(email);
        String surveyId = requestSurvey(conversationId).then().statusCode(201).extract().path("id");
        return new Mailed(conversationId, surveyId, mailedToken(email));
    }

    private static String mailedToken(String address) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> EmailServer.receivedBy(address).stream()
                .map(CsatSurveyTest::text).map(LINK::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst().orElse(null), token -> token != null);
    }

    private static String text(MimeMessage mail) {
        try {
            return mail.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response rate(String token, String score, String comment) {
        var form = RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("score", score);
        if (comment != null) {
            form.formParam("comment", comment);
        }
        return form.when().post("/csat/" + token);
    }

    private CsatSurvey survey(String surveyId) {
        return QuarkusTransaction.requiringNew().call(() -> surveys.find(UUID.fromString(surveyId)).orElseThrow());
    }

    private String storedComment(String surveyId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("SELECT comment FROM csat_survey WHERE id = ?1").setParameter(1, UUID.fromString(surveyId))
                .getSingleResult());
    }

    private List<Integer> publishedScores(String conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "SELECT (payload ->> 'score')::int FROM outbox_event WHERE topic = 'csat.received' AND aggregate_id = ?1",
                        Integer.class).setParameter(1, UUID.fromString(conversationId)).getResultList());
    }

    @Test
    void aCustomerRatesTwoByTheEmailLinkOnceAndASecondClickSaysAlreadyAnswered() {
        String email = uniqueEmail("rater");
        String conversationId = resolvedEmailConversation(email);

        String surveyId = requestSurvey(conversationId).then().statusCode(201).body("channel", equalTo("email"))
                .extract().path("id");
        requestSurvey(conversationId).then().statusCode(200).body("id", equalTo(surveyId));
        String token = mailedToken(email);
        assertThat(EmailServer.receivedBy(email).stream().filter(mail -> LINK.matcher(text(mail)).find()))
                .as("asking twice for one resolution sends one survey").hasSize(1);

        RestAssured.given().when().get("/csat/" + token).then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .body(containsString("name=\"score\"")).body(not(containsString(email)));
        assertThat(survey(surveyId).answered()).as("opening the link records nothing").isFalse();

        rate(token, "2", "The parcel came late").then().statusCode(200).body(containsString("Thank you"));
        CsatSurvey answered = survey(surveyId);
        assertThat(answered.score).isEqualTo((short) 2);
        assertThat(answered.answeredVia).isEqualTo("link");
        assertThat(answered.comment()).isEqualTo("The parcel came late");
        assertThat(storedComment(surveyId)).as("the comment is sealed at rest").startsWith("enc:").doesNotContain("parcel");
        assertThat(publishedScores(conversationId)).containsExactly(2);

        rate(token, "5", null).then().statusCode(410).contentType(containsString("text/html"))
                .body(containsString("already answered"));
        RestAssured.given().when().get("/csat/" + token).then().statusCode(410).body(containsString("already answered"));
        assertThat(survey(surveyId).score).as("the first answer stands").isEqualTo((short) 2);
        assertThat(publishedScores(conversationId)).containsExactly(2);
        assertThat(conversation(conversationId).getString("state")).as("a rating does not reopen").isEqualTo("resolved");
    }

    @Test
    void anExpiredLinkIsRefusedAndRecordsNothing() {
        Mailed mailed = surveyMailedTo(uniqueEmail("late-rater"));
        String conversationId = mailed.conversationId();
        String surveyId = mailed.surveyId();
        String token = mailed.token();
        QuarkusTransaction.requiringNew().run(() -> CsatSurvey.update("expiresAt = ?1 where id = ?2",
                Instant.now().minusSeconds(1), UUID.fromString(surveyId)));

        RestAssured.given().when().get("/csat/" + token).then().statusCode(410).body(containsString("expired"));
        rate(token, "4", null).then().statusCode(410).body(containsString("expired"));
        assertThat(survey(surveyId).answered()).isFalse();
        assertThat(publishedScores(conversationId)).isEmpty();
    }

    @Test
    void aTamperedOrForgedTokenIsNotFound() {
        Mailed mailed = surveyMailedTo(uniqueEmail("tamper"));
        String surveyId = mailed.surveyId();
        String token = mailed.token();
        String[] parts = token.split("\\.");
        // another survey's id under this survey's signature
        byte[] payload = java.util.Base64.getUrlDecoder().decode(parts[0]);
        payload[0] ^= 1;
        String otherSurvey = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[1];
        String flippedSignature = parts[0] + "." + (parts[1].charAt(0) == 'A' ? 'B' : 'A') + parts[1].substring(1);

        for (String forged : List.of(otherSurvey, flippedSignature, "not-a-token", parts[0] + ".")) {
            RestAssured.given().when().get("/csat/" + forged).then().statusCode(404)
                    .contentType("application/problem+json");
            rate(forged, "1", null).then().statusCode(404).contentType("application/problem+json");
        }
        rate(token, "9", null).then().statusCode(400).contentType("application/problem+json");
        assertThat(survey(surveyId).answered()).isFalse();
    }

    @Test
    void noSurveyGoesToACustomerWhoWithdrewConsentOrNeverGaveIt() {
        String withdrawn = uniqueEmail("withdrawn");
        var received = receive(inbound("email", sender(withdrawn, null, null, null, null), "Thanks, all good"));
        String conversationId = received.getString("conversationId");
        consent(received.getString("customerId"), true);
        consent(received.getString("customerId"), false);
        resolve(conversationId);
        requestSurvey(conversationId).then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("no-survey-consent")).body("consent", equalTo("withdrawn"));

        var silent = receive(inbound("email", sender(uniqueEmail("silent"), null, null, null, null), "Fine, thanks"));
        resolve(silent.getString("conversationId"));
        requestSurvey(silent.getString("conversationId")).then().statusCode(409).body("consent", equalTo("not-recorded"));

        var decisions = as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(decisions.getList("findAll { it.policy == 'survey-consent' }.outputs.send", Boolean.class))
                .as("the survey not sent is an explained decision").containsExactly(false);
        assertThat(decisions.getString("find { it.policy == 'survey-consent' }.explanation")).contains("withdrew");
        for (String id : List.of(conversationId, silent.getString("conversationId"))) {
            assertThat(conversation(id).getInt("timeline.findAll { it.author == 'system:csat' }.size()")).isZero();
            assertThat(QuarkusTransaction.requiringNew().call(() -> CsatSurvey.count("conversationId", UUID.fromString(id))))
                    .isZero();
        }
    }

    @Test
    void anOpenConversationIsNotSurveyedAndAgentsNeedTheirRole() {
        var received = receive(inbound("email", sender(uniqueEmail("open"), null, null, null, null), "Still waiting"));
        consent(received.getString("customerId"), true);
        requestSurvey(received.getString("conversationId")).then().statusCode(409).body("type", containsString("not-resolved"));
        as("analyst").when().post("/api/v1/conversations/{id}/csat-requests", received.getString("conversationId"))
                .then().statusCode(403);
        requestSurvey(UUID.randomUUID().toString()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aWebChatVisitorRatesWithTheInlineButtons() throws Exception {
        try (ChatClient chat = new ChatClient(socketUri)) {
            chat.hello(ChatClient.newVisitorId(), null, null);
            String conversationId = chat.say("Can I change my delivery address?", null).path("conversationId").asText();
            consent(conversation(conversationId).getString("customerId"), true);
            resolve(conversationId);
            String surveyId = requestSurvey(conversationId).then().statusCode(201).body("channel", equalTo("web_chat"))
                    .extract().path("id");

            JsonNode surveyFrame = chat.next("message");
            while (!surveyFrame.has("survey")) {
                surveyFrame = chat.next("message");
            }
            assertThat(surveyFrame.path("survey").path("question").asText()).contains("1 (poor) to 5 (excellent)");
            assertThat(surveyFrame.path("content").asText()).contains("/csat/");
            String token = surveyFrame.path("survey").path("token").asText();

            chat.send(Map.of("type", "rating", "token", token, "score", 7));
            assertThat(chat.next("error").path("reason").asText()).contains("1 to 5");
            chat.send(Map.of("type", "rating", "token", token, "score", 4, "comment", "Quick, thanks"));
            assertThat(chat.next("rated").path("outcome").asText()).isEqualTo("recorded");
            chat.send(Map.of("type", "rating", "token", token, "score", 1));
            assertThat(chat.next("rated").path("outcome").asText()).isEqualTo("already_answered");

            CsatSurvey answered = survey(surveyId);
            assertThat(answered.score).isEqualTo((short) 4);
            assertThat(answered.answeredVia).isEqualTo("web_chat");
            assertThat(answered.comment()).isEqualTo("Quick, thanks");
        }
    }

    @Test
    void aWhatsAppCustomerRatesWithAListRowAndARedeliveryCountsOnce() throws Exception {
        String waId = uniquePhoneDigits();
        post(payload(waId, Map.of("from", waId, "id", "wamid.test-" + UUID.randomUUID(), "timestamp", String.valueOf(Instant.now().getEpochSecond()),
                "type", "text", "text", Map.of("body", "Is my order on its way?")))).statusCode(200);
        String customerId = as("agent").queryParam("phone", "+" + waId).when().get("/api/v1/customers")
                .then().statusCode(200).extract().path("items[0].id");
        String conversationId = as("agent").queryParam("customerId", customerId).when().get("/api/v1/conversations")
                .then().statusCode(200).extract().path("items[0].id");
        consent(customerId, true);
        resolve(conversationId);
        String surveyId = requestSurvey(conversationId).then().statusCode(201).extract().path("id");

        GraphApiStub.Request sent = await().atMost(Duration.ofSeconds(20)).until(() -> GraphApiStub.start().requestsTo(waId)
                .stream().filter(r -> "interactive".equals(r.body().path("type").asText())).findFirst().orElse(null), r -> r != null);
        assertThat(sent.status()).isEqualTo(200);
        JsonNode interactive = sent.body().path("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("list");
        assertThat(interactive.path("body").path("text").asText()).contains("1 (poor) to 5 (excellent)");
        JsonNode rows = interactive.path("action").path("sections").path(0).path("rows");
        assertThat(rows).hasSize(5);
        String rowFour = null;
        for (JsonNode row : rows) {
            assertThat(row.path("id").asText()).matches("csat:[1-5]:[A-Za-z0-9_-]{32}\\.[A-Za-z0-9_-]{43}");
            assertThat(row.path("title").asText().length()).isLessThanOrEqualTo(24);
            if (row.path("id").asText().startsWith("csat:4:")) {
                rowFour = row.path("id").asText();
            }
        }
        assertThat(rowFour).isNotNull();

        byte[] tapped = payload(waId, Map.of("from", waId, "id", "wamid.test-" + UUID.randomUUID(), "timestamp", String.valueOf(Instant.now().getEpochSecond()),
                "type", "interactive", "interactive", Map.of("type", "list_reply",
                        "list_reply", Map.of("id", rowFour, "title", "4 - Very good"))));
        post(tapped).statusCode(200).body("messages", equalTo(0));
        post(tapped).statusCode(200);

        CsatSurvey answered = survey(surveyId);
        assertThat(answered.score).isEqualTo((short) 4);
        assertThat(answered.answeredVia).isEqualTo("whatsapp");
        assertThat(publishedScores(conversationId)).containsExactly(4);
        var timeline = conversation(conversationId);
        assertThat(timeline.getString("state")).as("the tap is an answer, not a message that reopens").isEqualTo("resolved");
        assertThat(timeline.getInt("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.size()"))
                .isEqualTo(1);
    }

    private static byte[] payload(String waId, Map<String, Object> message) throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", "15550783881", "phone_number_id", "106540352242922"));
        value.put("contacts", List.of(Map.of("wa_id", waId, "profile", Map.of("name", "Wanda"))));
        value.put("messages", List.of(message));
        return JSON.writeValueAsBytes(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of(
                "id", "102290129340398", "changes", List.of(Map.of("field", "messages", "value", value))))));
    }

    private static io.restassured.response.ValidatableResponse post(byte[] body) {
        return given().contentType("application/json").header("X-Hub-Signature-256", HubSignature.sign("test-app-secret", body))
                .body(body).when().post("/webhooks/whatsapp").then();
    }
}
