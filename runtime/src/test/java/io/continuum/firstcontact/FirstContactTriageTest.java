package io.continuum.firstcontact;

import io.continuum.conversation.Conversations;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/**
 * First contact on business phrasings and on follow-ups, end to end with the live policies: an outage
 * engages the owning team through a Resolution, an unsure reading goes to a person, and every later
 * message is read so the escalation rules see its confidence and the sentiment trend.
 */
@QuarkusTest
class FirstContactTriageTest {

    private static final String OUTAGE = "The whole site is down, nobody on our team can log in, this is an outage";

    @Inject
    Triage triage;

    @Inject
    Conversations conversations;

    @Inject
    DataSource dataSource;

    private static JsonPath triaged(String conversationId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId).getString("severity") != null);
        return conversation(conversationId);
    }

    private static JsonPath resolution(String conversationId) {
        String resolutionId = await().atMost(Duration.ofSeconds(60)).until(
                () -> conversation(conversationId).getString("resolutionId"), id -> id != null);
        return as("engineer").when().get("/api/v1/resolutions/{id}", resolutionId).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> decisions(String conversationId, String policy) {
        return as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId)
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.policy == '" + policy + "' }");
    }

    @Test
    void anOutageReadAsALockoutIsADefectThatOpensAResolutionOwnedByInfrastructure() {
        String id = receive(inbound("email", sender(uniqueEmail("outage"), null, null, null, null), OUTAGE))
                .getString("conversationId");

        JsonPath view = triaged(id);
        assertThat(view.getString("intent")).isEqualTo("bug_technical_defect");
        assertThat(view.getString("severity")).isEqualTo("P1");
        assertThat(view.getString("handlingMode")).isEqualTo("resolution");
        JsonPath resolution = resolution(id);
        assertThat(resolution.getString("issueType")).isEqualTo("ops");
        assertThat(resolution.getString("owningTeam")).isEqualTo("infra");
    }

    /**
     * Triage of {@code text} as an enterprise customer's: a tier is set on a customer only after their first
     * message, so the conversation is opened with a greeting and its message triaged again with the tier.
     */
    private Triaged triagedForEnterprise(String text) {
        JsonPath accepted = receive(inbound("email", sender(uniqueEmail("enterprise"), null, null, null, null), "hello"));
        UUID conversationId = UUID.fromString(accepted.getString("conversationId"));
        UUID messageId = UUID.fromString(accepted.getString("messageId"));
        triaged(conversationId.toString());
        Triage.Triaged outcome = QuarkusTransaction.requiringNew().call(() -> triage.triage(
                conversations.requireForUpdate(conversationId), messageId, text, "enterprise", "email", false));
        return new Triaged(conversationId.toString(), outcome);
    }

    private record Triaged(String conversationId, Triage.Triaged outcome) {
    }

    @Test
    void anEnterpriseCustomersOutageIsP0AndEngagesEngineering() {
        Triaged triaged = triagedForEnterprise(OUTAGE);

        assertThat(triaged.outcome().severity()).isEqualTo("P0");
        assertThat(triaged.outcome().route().handlingMode()).isEqualTo("resolution");
        assertThat(triaged.outcome().route().requiredSkills()).contains("engineering-liaison");
        assertThat(resolution(triaged.conversationId()).getString("owningTeam")).isEqualTo("infra");
    }

    @Test
    void aPaymentsOutageOfAnEnterpriseLosingMoneyIsP0WithTheMoneySignalAndOpensAResolution() {
        Triaged triaged = triagedForEnterprise(
                "your payments API returns HTTP 500 on every checkout, our store is down and we are losing money");

        assertThat(triaged.outcome().classification().signals().money()).isTrue();
        assertThat(triaged.outcome().severity()).isEqualTo("P0");
        assertThat(triaged.outcome().route().handlingMode()).isEqualTo("resolution");
        assertThat(resolution(triaged.conversationId()).getString("status")).isEqualTo("investigating");
    }

    @Test
    void aCrashOfOneScreenIsADefectWithoutTheOutageSignal() {
        String id = receive(inbound("email", sender(uniqueEmail("crash"), null, null, null, null),
                "the app crashes when I open settings")).getString("conversationId");

        JsonPath view = triaged(id);
        assertThat(view.getString("intent")).isEqualTo("bug_technical_defect");
        assertThat(view.getString("severity")).isEqualTo("P2");
        List<Map<String, Object>> severity = decisions(id, "severity");
        assertThat(severity).singleElement().satisfies(decision ->
                assertThat(((Map<?, ?>) decision.get("inputs")).get("outageSignal")).isEqualTo(false));
    }

    @Test
    void anUnsureReadingIsHandedToAPerson() {
        String id = receive(inbound("email", sender(uniqueEmail("unsure"), null, null, null, null),
                "It still fails, this is a bit annoying")).getString("conversationId");

        JsonPath view = triaged(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(id).get("handoffBrief") != null);
        view = conversation(id);
        assertThat(view.getString("intent")).isEqualTo("unknown");
        assertThat(view.getString("handlingMode")).isEqualTo("agent");
        assertThat(view.getList("timeline.findAll { it.type == 'message' && it.author == 'ai:first-contact' }")).isEmpty();
        assertThat(decisions(id, "classification-fallbacks")).anySatisfy(decision ->
                assertThat(decision.toString()).contains("low-confidence-hands-to-human"));
    }

    @Test
    void aSpanishMessageIsAnsweredFromTheSpanishArticleAndRoutedToSpanishSpeakers() {
        String word = "zx" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        as("supervisor").body(Map.of("title", "Descargar tus facturas de " + word + " en PDF",
                        "body", "1. Abre Facturación\n2. Elige la factura\n3. Selecciona Descargar PDF",
                        "tags", List.of("facturas"), "locale", "es", "status", "published"))
                .when().post("/api/v1/kb/articles").then().statusCode(201);
        as("supervisor").body(Map.of("title", "Download your " + word + " invoices as PDF",
                        "body", "1. Open Billing\n2. Pick the invoice\n3. Select Download PDF",
                        "tags", List.of("invoices"), "locale", "en", "status", "published"))
                .when().post("/api/v1/kb/articles").then().statusCode(201);
        JsonPath accepted = receive(inbound("web_chat", sender(uniqueEmail("es"), null, null, null, null),
                "Hola, ¿cómo puedo descargar mis facturas de " + word + " en PDF?"));
        String id = accepted.getString("conversationId");

        await().atMost(Duration.ofSeconds(30)).until(() -> !conversation(id)
                .getList("timeline.findAll { it.type == 'message' && it.author == 'ai:first-contact' }").isEmpty()
                || conversation(id).get("handoffBrief") != null);
        JsonPath view = conversation(id);
        assertThat(view.getList("requiredSkills", String.class)).contains("lang-es");
        assertThat(view.getList("timeline.findAll { it.type == 'message' && it.author == 'ai:first-contact' }.content",
                String.class)).singleElement().satisfies(reply -> assertThat(reply)
                .contains("Descargar tus facturas de " + word).doesNotContain("Download your " + word)
                .startsWith("Así se hace").contains("Artículo completo: /kb/").doesNotContain("Full article")
                .endsWith(CustomerWording.in("es").offerAPerson()).doesNotContain(FirstResponse.OFFER_A_PERSON));
        assertThat(view.getString("timeline.find { it.type == 'message' && it.direction == 'inbound' }.annotations.language"))
                .isEqualTo("es");
        assertThat(as("agent").when().get("/api/v1/customers/{id}", accepted.getString("customerId"))
                .then().statusCode(200).extract().jsonPath().getString("language")).isEqualTo("es");
    }

    @Test
    void sentimentDegradingOverThreeFollowUpsEscalates() {
        String email = uniqueEmail("mood");
        String id = receive(inbound("email", sender(email, null, null, null, null),
                "How do I download my invoice as a PDF?")).getString("conversationId");
        triaged(id);

        List<String> followUps = List.of("I tried that but the download button does not respond",
                "The PDF download still fails, this is annoying",
                "This is terrible and useless, I am really angry now!!");
        for (String followUp : followUps) {
            String messageId = receive(inbound("email", sender(email, null, null, null, null), followUp)).getString("messageId");
            await().atMost(Duration.ofSeconds(30)).until(() -> annotationsOf(id, messageId).containsKey("sentiment"));
            if (!followUp.equals(followUps.get(followUps.size() - 1))) {
                assertThat(decisions(id, "escalation-triggers")).as("not yet after: " + followUp)
                        .noneSatisfy(decision -> assertThat(decision.get("outputs").toString()).contains("sentiment-degrading"));
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(id, "escalation-triggers").stream()
                .anyMatch(decision -> decision.get("outputs").toString().contains("sentiment-degrading")));
        assertThat(conversation(id).getString("state")).isEqualTo("escalated");
        List<Map<String, Object>> inbound = conversation(id).getList(
                "timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.annotations");
        assertThat(inbound).hasSize(4).allSatisfy(annotations ->
                assertThat(annotations).containsKeys("intent", "confidence", "sentiment", "signals", "entities"));
    }

    /**
     * Consumers that act on some messages only read from the event whether one concerns them, and spend no
     * transaction on the others: automations match a conversation's first message once it is classified, not when
     * it is received; automatic Resolutions open only for a message routing sent to a Resolution.
     */
    @Test
    void consumersSpendNoTransactionOnEventsThatSayTheyAreNotConcerned() throws SQLException {
        String toResolution = receive(inbound("email", sender(uniqueEmail("outage-consumers"), null, null, null, null),
                OUTAGE)).getString("conversationId");
        String toPerson = receive(inbound("email", sender(uniqueEmail("unsure-consumers"), null, null, null, null),
                "It still fails, this is a bit annoying")).getString("conversationId");
        assertThat(triaged(toResolution).getString("handlingMode")).isEqualTo("resolution");
        assertThat(triaged(toPerson).getString("handlingMode")).isEqualTo("agent");
        resolution(toResolution);

        UUID received = eventOf(toPerson, "message.received");
        UUID classified = eventOf(toPerson, "message.classified");
        UUID classifiedForResolution = eventOf(toResolution, "message.classified");
        // published once every consumer of this node was handed the event
        await().atMost(Duration.ofSeconds(30)).until(() -> published(received) && published(classified));
        assertThat(handled("automations", received)).as("the opening message, matched once classified").isFalse();
        assertThat(handled("automations", classified)).isTrue();
        assertThat(handled("resolution-automatic", classified)).as("routed to a person").isFalse();
        assertThat(handled("resolution-automatic", classifiedForResolution)).isTrue();
    }

    private UUID eventOf(String conversationId, String topic) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM outbox_event WHERE aggregate_id = ? AND topic = ? ORDER BY occurred_at LIMIT 1")) {
            statement.setObject(1, UUID.fromString(conversationId));
            statement.setString(2, topic);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("%s of %s", topic, conversationId).isTrue();
                return result.getObject(1, UUID.class);
            }
        }
    }

    private boolean published(UUID eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM outbox_event WHERE id = ? AND published_at IS NOT NULL")) {
            statement.setObject(1, eventId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private boolean handled(String consumer, UUID eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?")) {
            statement.setString(1, consumer);
            statement.setObject(2, eventId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static Map<String, Object> annotationsOf(String conversationId, String messageId) {
        Map<String, Object> annotations = conversation(conversationId)
                .getMap("timeline.find { it.type == 'message' && it.id == '" + messageId + "' }.annotations");
        return annotations == null ? Map.of() : annotations;
    }
}
