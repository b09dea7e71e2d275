package io.continuum.automations;

import com.sun.net.httpserver.HttpServer;
import io.continuum.connectors.meta.HubSignature;
import io.continuum.conversation.Message;
import io.continuum.csat.CsatSurvey;
import io.continuum.csat.CsatSurveys;
import io.continuum.decisions.DecisionRecord;
import io.continuum.routing.Agent;
import io.continuum.routing.AgentAssignment;
import io.continuum.routing.AgentStatus;
import io.continuum.routing.Agents;
import io.continuum.routing.WaitingQueue;
import io.restassured.RestAssured;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static io.continuum.support.RoutingFixtures.agent;
import static io.continuum.support.RoutingFixtures.enqueue;
import static io.continuum.support.RoutingFixtures.uniqueChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The automation runner against the real table, event bus, conversations and database: rows fire on the right
 * events and never on what automations did themselves, the storm limit holds, time-elapsed rows fire once per
 * window, webhooks are signed and retried, and a simulation counts what a new row would have done.
 */
@QuarkusTest
class AutomationsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TimeBasedAutomations timeBased;

    @Inject
    CsatSurveys surveys;

    @Inject
    AutomationRunner runner;

    @Inject
    Agents agents;

    @Inject
    WaitingQueue waitingQueue;

    private int liveBefore;

    @BeforeEach
    void rememberLiveVersion() {
        liveBefore = AutomationRows.liveVersion();
    }

    @AfterEach
    void restoreLiveVersion() {
        if (AutomationRows.liveVersion() != liveBefore) {
            AutomationRows.rollback(liveBefore);
        }
    }

    @Test
    void aTagRuleFiresOnTheRightMessagesAndNoAutomationRunsOnWhatAutomationsDid() {
        AutomationRows.publish(
                new AutomationRows.Row("tag_chat", Map.of("eventType", "\"message-received\"", "channel", "\"web_chat\""),
                        "tag chats", "add-tag", "chat"),
                // answers every message sent, its own answers too if they triggered it: it would never stop
                new AutomationRows.Row("answer_every_reply", Map.of("eventType", "\"message-sent\"", "channel", "\"sms\""),
                        "echo", "send-template-reply", "automation-pending-reminder"));

        String byMail = receive(inbound("email", sender(uniqueEmail("tag"), null, null, "Ada", null), "where is my parcel?"))
                .getString("conversationId");
        String byChat = receive(inbound("web_chat", sender(null, null, null, null, "device-" + UUID.randomUUID()),
                "where is my parcel?")).getString("conversationId");

        await().atMost(WAIT).until(() -> tagsOf(byChat).contains("chat"));
        await().atMost(WAIT).until(() -> automationDecisions(byMail, "message-received") == 1);
        assertThat(tagsOf(byMail)).as("an e-mail is no chat").doesNotContain("chat");
        assertThat(actionsOf(UUID.fromString(byMail))).isEmpty();
        AutomatedAction tagged = actionsOf(UUID.fromString(byChat)).get(0);
        assertThat(tagged.rowId).isEqualTo("tag_chat");
        assertThat(tagged.outcome).isEqualTo(AutomatedAction.EXECUTED);

        String bySms = receive(inbound("sms", sender(null, phone(), null, null, null), "hello?")).getString("conversationId");
        as("agent").body(Map.of("content", "Hello, how can we help?")).when()
                .post("/api/v1/conversations/{id}/messages", bySms).then().statusCode(201);
        await().atMost(WAIT).until(() -> automatedReplies(bySms) >= 1);
        // every message sent by anyone but automations is answered once; the automation's answers never are
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(automatedReplies(bySms)).isEqualTo(outboundMessages(bySms) - automatedReplies(bySms));
            assertThat(automationDecisions(bySms, "message-sent")).isEqualTo(outboundMessages(bySms) - automatedReplies(bySms));
        });
        await().atMost(WAIT).until(() -> channelReplyKinds(bySms).size() == outboundMessages(bySms));
        assertThat(channelReplyKinds(bySms)).as("each reply went through the live channel-reply policy, the automation's as an automated update")
                .contains("agent-reply").filteredOn("automated-update"::equals).hasSize((int) automatedReplies(bySms));
        JsonPath audit = as("supervisor").when().get("/api/v1/audit?entityId={id}&limit=200", bySms).then().statusCode(200)
                .extract().jsonPath();
        assertThat(audit.getList("items.findAll { it.action == 'automation-executed' }.after.row", String.class))
                .containsExactly("answer_every_reply");
    }

    @Test
    void theStormLimitStopsAnAutomationAnsweringAnAutoResponderForever() {
        AutomationRows.publish(new AutomationRows.Row("answer_sms", Map.of("eventType", "\"message-received\"",
                "channel", "\"sms\""), "answer every sms", "send-template-reply", "automation-pending-reminder"));
        String phone = phone();
        String conversationId = receive(inbound("sms", sender(null, phone, null, null, null), "auto-reply: I am away"))
                .getString("conversationId");
        for (int i = 0; i < 6; i++) {
            // the customer's auto-responder answers each of our answers
            assertThat(receive(inbound("sms", sender(null, phone, null, null, null), "auto-reply: I am away"))
                    .getString("conversationId")).isEqualTo(conversationId);
        }

        await().atMost(WAIT).until(() -> actionsOf(UUID.fromString(conversationId)).size() == 7);
        List<AutomatedAction> actions = actionsOf(UUID.fromString(conversationId));
        assertThat(actions).filteredOn(action -> AutomatedAction.EXECUTED.equals(action.outcome)).hasSize(5);
        assertThat(actions).filteredOn(action -> AutomatedAction.REFUSED.equals(action.outcome)).hasSize(2)
                .allSatisfy(refused -> assertThat(refused.detail).startsWith("storm limit"));
        assertThat(automatedReplies(conversationId)).as("limit per conversation and hour (5 in tests)").isEqualTo(5);
    }

    @Test
    void aFortyEightHourPendingReminderFiresOnceAndTheNinetySixHourRowResolves() {
        String shipped = AutomationRows.shipped();
        // the shipped example rows, switched on
        String switchedOn = shipped.replaceAll("(<inputEntry id=\"pending_[a-z0-9_]+_i0\"><text>)false", "$1true");
        assertThat(switchedOn).isNotEqualTo(shipped);
        int version = AutomationRows.store(switchedOn);
        as("supervisor").when().post("/api/v1/policies/automations/versions/{v}/publish", version).then().statusCode(200);

        String conversationId = receive(inbound("email", sender(uniqueEmail("pending"), null, null, "Bea", null),
                "my order never arrived, this is terrible and I am very disappointed")).getString("conversationId");
        as("agent").body(Map.of("content", "Could you send us your order number?")).when()
                .post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201);
        await().atMost(WAIT).until(() -> "awaiting_customer".equals(conversation(conversationId).getString("state")));
        UUID id = UUID.fromString(conversationId);
        Instant now = Instant.now();

        timeBased.evaluateAt(now.plus(Duration.ofHours(47)));
        assertThat(actionsOf(id)).as("47 hours pending is not 48").isEmpty();

        timeBased.evaluateAt(now.plus(Duration.ofHours(49)));
        assertThat(actionsOf(id)).extracting(action -> action.rowId).containsExactly("pending_reminder_48h");
        assertThat(automatedReplies(conversationId)).isEqualTo(1);

        // a second pass (as after a restart, or on a second node) finds the firing taken
        timeBased.evaluateAt(now.plus(Duration.ofHours(50)));
        assertThat(actionsOf(id)).hasSize(1);
        assertThat(automatedReplies(conversationId)).isEqualTo(1);
        assertThat(conversation(conversationId).getString("state")).isEqualTo("awaiting_customer");

        timeBased.evaluateAt(now.plus(Duration.ofHours(97)));
        assertThat(actionsOf(id)).extracting(action -> action.rowId)
                .containsExactly("pending_reminder_48h", "pending_resolve_96h", "pending_resolve_96h_note");
        assertThat(actionsOf(id)).allSatisfy(action -> assertThat(action.outcome).isEqualTo(AutomatedAction.EXECUTED));
        JsonPath resolved = conversation(conversationId);
        assertThat(resolved.getString("state")).isEqualTo("resolved");
        assertThat(resolved.getList("timeline.content", String.class))
                .contains("Resolved automatically: no answer from the customer for 96 hours");
        assertThat(automatedReplies(conversationId)).as("the reminder went once").isEqualTo(1);
        DecisionRecord logged = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>find(
                "conversationId = ?1 and policyName = 'automations' order by evaluatedAt desc", id).firstResult());
        assertThat(logged.policyVersion).isEqualTo(version);
        assertThat(logged.inputs.get("eventType")).isEqualTo("time-elapsed");
        assertThat(((Number) logged.inputs.get("hoursInState")).longValue()).isGreaterThanOrEqualTo(96);
        // the latest exchange: the customer's message and the agent's reply, the automation's own reminder left out
        assertThat(((Number) logged.inputs.get("hoursSinceCustomerMessage")).longValue()).isEqualTo(97);
        assertThat(((Number) logged.inputs.get("hoursSinceAgentMessage")).longValue()).isEqualTo(97);
        double sentimentRead = QuarkusTransaction.requiringNew().call(() -> ((Number) Message.<Message>find(
                "conversationId = ?1 and direction = 'inbound'", id).firstResult().aiAnnotations.get("sentiment")).doubleValue());
        assertThat(sentimentRead).as("the customer's message reads negative").isNegative();
        assertThat(((Number) logged.inputs.get("sentiment")).doubleValue()).isEqualTo(sentimentRead);
    }

    @Test
    void aResolvedConversationIsSurveyedAndTheAnswerIsAnEventRowsMatch() {
        AutomationRows.publish(
                new AutomationRows.Row("survey_resolved", Map.of("eventType", "\"state-changed\"", "state", "\"resolved\""),
                        "survey when resolved", "request-csat", ""),
                new AutomationRows.Row("tag_rated", Map.of("eventType", "\"csat-received\""), "tag rated", "add-tag", "rated"));
        JsonPath received = receive(inbound("email", sender(uniqueEmail("survey"), null, null, "Rita", null),
                "Where is my parcel?"));
        String conversationId = received.getString("conversationId");
        UUID id = UUID.fromString(conversationId);
        as("agent").body(Map.of("purpose", "surveys", "granted", true, "source", "web-chat-widget",
                        "textShown", "May we ask you how we did?"))
                .when().post("/api/v1/customers/{id}/consents", received.getString("customerId")).then().statusCode(201);
        await().atMost(WAIT).until(() -> conversation(conversationId).getString("intent") != null);
        if (!"resolved".equals(conversation(conversationId).getString("state"))) {
            as("agent").body(Map.of("to", "resolved", "reason", "answered")).when()
                    .post("/api/v1/conversations/{id}/transitions", conversationId).then().statusCode(200);
        }

        await().atMost(WAIT).until(() -> actionsOf(id).stream().anyMatch(action -> "survey_resolved".equals(action.rowId)));
        assertThat(actionsOf(id)).filteredOn(action -> "survey_resolved".equals(action.rowId)).singleElement()
                .satisfies(action -> assertThat(action.outcome).isEqualTo(AutomatedAction.EXECUTED));
        CsatSurvey survey = QuarkusTransaction.requiringNew().call(() ->
                CsatSurvey.<CsatSurvey>find("conversationId", id).singleResult());
        String token = QuarkusTransaction.requiringNew().call(() -> surveys.carriedBy(survey.messageId).orElseThrow().token());
        assertThat(QuarkusTransaction.requiringNew().call(() -> surveys.answer(token, 2, null, "link")))
                .isEqualTo(CsatSurveys.Outcome.RECORDED);

        await().atMost(WAIT).until(() -> tagsOf(conversationId).contains("rated"));
    }

    @Test
    void aTwoOfFiveRatingNotifiesTheSupervisorsAndTagsTheConversationUnhappyAFiveDoesNot() {
        String shipped = AutomationRows.shipped();
        int version = AutomationRows.store(shipped.replaceAll("(<inputEntry id=\"low_csat_[a-z]+_i0\"><text>)false", "$1true"));
        as("supervisor").when().post("/api/v1/policies/automations/versions/{v}/publish", version).then().statusCode(200);

        String unhappy = ratedByLink(2);
        String happy = ratedByLink(5);

        await().atMost(WAIT).until(() -> tagsOf(unhappy).contains("unhappy"));
        await().atMost(WAIT).until(() -> automationDecisions(happy, "csat-received") == 1);
        assertThat(tagsOf(happy)).doesNotContain("unhappy");
        assertThat(actionsOf(UUID.fromString(happy))).as("a 5/5 fires nothing").isEmpty();
        assertThat(actionsOf(UUID.fromString(unhappy))).extracting(action -> action.rowId, action -> action.outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("low_csat_notify", AutomatedAction.EXECUTED),
                        org.assertj.core.groups.Tuple.tuple("low_csat_tag", AutomatedAction.EXECUTED));
        DecisionRecord logged = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>find(
                "conversationId = ?1 and policyName = 'automations'", UUID.fromString(unhappy)).list().stream()
                .map(DecisionRecord.class::cast).filter(record -> "csat-received".equals(record.inputs.get("eventType")))
                .findFirst().orElseThrow());
        assertThat(((Number) logged.inputs.get("csatScore")).intValue()).as("the score is a logged input").isEqualTo(2);

        JsonPath open = as("supervisor").when().get("/api/v1/supervisor-notifications").then().statusCode(200)
                .extract().jsonPath();
        String notificationId = open.getString("find { it.conversationId == '" + unhappy + "' }.id");
        assertThat(notificationId).isNotNull();
        assertThat(open.getString("find { it.conversationId == '" + unhappy + "' }.reason"))
                .isEqualTo("The customer rated this conversation 2 or lower");
        assertThat(open.getList("conversationId", String.class)).doesNotContain(happy);
        as("agent").when().get("/api/v1/supervisor-notifications").then().statusCode(403);

        as("supervisor").when().post("/api/v1/supervisor-notifications/{id}/acknowledge", notificationId).then()
                .statusCode(200).body("acknowledgedBy", org.hamcrest.Matchers.equalTo("supervisor"));
        as("admin").when().post("/api/v1/supervisor-notifications/{id}/acknowledge", notificationId).then()
                .statusCode(200).body("acknowledgedBy", org.hamcrest.Matchers.equalTo("supervisor"));
        assertThat(as("supervisor").when().get("/api/v1/supervisor-notifications").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class)).doesNotContain(notificationId);
        as("supervisor").when().post("/api/v1/supervisor-notifications/{id}/acknowledge", UUID.randomUUID()).then()
                .statusCode(404).contentType(org.hamcrest.Matchers.containsString("application/problem+json"));
    }

    @Test
    void assignAgentGivesAWaitingConversationToTheNamedAgentThroughRoutingAndNeverTakesItFromThem() {
        String channel = uniqueChannel();
        // a skill no agent has: routing cannot place it, so it waits
        UUID waiting = io.continuum.support.RoutingFixtures.conversation(channel, List.of("skill-nobody-has"), 2,
                Instant.now().plus(Duration.ofHours(1)));
        enqueue(waitingQueue, waiting, channel, List.of("skill-nobody-has"), 2, Instant.now().plus(Duration.ofHours(1)));
        Agent named = agent(agents, channel, 1, List.of(), List.of("en"), AgentStatus.AVAILABLE);
        Agent other = agent(agents, channel, 1, List.of(), List.of("en"), AgentStatus.AVAILABLE);
        Agent offline = agent(agents, channel, 1, List.of(), List.of("en"), AgentStatus.OFFLINE);

        assertThat(assignBy(waiting, offline.username).detail).isEqualTo(offline.username + " is offline");
        assertThat(assignBy(waiting, "nobody-" + UUID.randomUUID()).outcome).isEqualTo(AutomatedAction.REFUSED);
        AutomatedAction assigned = assignBy(waiting, named.username);
        assertThat(assigned.outcome).isEqualTo(AutomatedAction.EXECUTED);

        AgentAssignment assignment = QuarkusTransaction.requiringNew().call(() -> AgentAssignment.<AgentAssignment>find(
                "conversationId = ?1 and releasedAt is null", waiting).singleResult());
        assertThat(assignment.agentId).isEqualTo(named.id);
        assertThat(assignment.assignedBy).isEqualTo("rule:automations");
        assertThat(conversation(waiting.toString()).getString("assignedAgentId")).isEqualTo(named.id.toString());
        assertThat(QuarkusTransaction.requiringNew().call(() -> waitingQueue.waiting(java.util.Optional.of("general"), 10_000))
                .stream().map(entry -> entry.conversationId())).as("no longer waiting").doesNotContain(waiting);
        DecisionRecord explained = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>find(
                "conversationId = ?1 and policyName = 'agent-assignment'", waiting).singleResult());
        assertThat(explained.fired).singleElement().satisfies(rule -> assertThat(rule.get("id")).isEqualTo("named-by-automation"));

        assertThat(assignBy(waiting, named.username).outcome).isEqualTo(AutomatedAction.UNCHANGED);
        AutomatedAction taken = assignBy(waiting, other.username);
        assertThat(taken.outcome).isEqualTo(AutomatedAction.REFUSED);
        assertThat(taken.detail).contains("another agent holds");
        assertThat(conversation(waiting.toString()).getString("assignedAgentId")).isEqualTo(named.id.toString());
    }

    @Test
    void aTemplateReplyIsWrittenInTheCustomersLanguage() {
        String template = "automation-greeting-" + UUID.randomUUID().toString().substring(0, 8);
        as("supervisor").body(Map.of("language", "en", "body", "We have your message and will answer soon."))
                .when().put("/api/v1/templates/{name}", template).then().statusCode(200);
        as("supervisor").body(Map.of("language", "es", "body", "Tenemos su mensaje y le responderemos pronto."))
                .when().put("/api/v1/templates/{name}", template).then().statusCode(200);
        AutomationRows.publish(new AutomationRows.Row("greet_sms", Map.of("eventType", "\"message-received\"",
                "channel", "\"sms\""), "greet", "send-template-reply", template));

        String conversationId = receive(inbound("sms", sender(null, phone(), null, null, null),
                "Hola, mi pedido no ha llegado todavía y necesito ayuda con la entrega, por favor")).getString("conversationId");

        await().atMost(WAIT).until(() -> automatedReplies(conversationId) == 1);
        assertThat(conversation(conversationId).getList("timeline.findAll { it.type == 'message' && it.author == '"
                + AutomationRunner.AUTHOR + "' }.content", String.class))
                .containsExactly("Tenemos su mensaje y le responderemos pronto.");
    }

    /** Runs one assign-agent action as a fired row would, and returns what it came to. */
    private AutomatedAction assignBy(UUID conversationId, String username) {
        QuarkusTransaction.requiringNew().run(() -> runner.execute(conversationId,
                List.of(new AutomationsPolicy.Fired("assign_named", "assign", "give it to " + username, "assign-agent", username)),
                new AutomationActions.Run("message-received", null, null, 1, Instant.now())));
        List<AutomatedAction> actions = actionsOf(conversationId);
        return actions.get(actions.size() - 1);
    }

    /** A resolved e-mail conversation whose customer consented, was surveyed and answered with the score by the link. */
    private String ratedByLink(int score) {
        JsonPath received = receive(inbound("email", sender(uniqueEmail("rated"), null, null, "Rui", null), "Where is my parcel?"));
        String conversationId = received.getString("conversationId");
        as("agent").body(Map.of("purpose", "surveys", "granted", true, "source", "web-chat-widget",
                        "textShown", "May we ask you how we did?"))
                .when().post("/api/v1/customers/{id}/consents", received.getString("customerId")).then().statusCode(201);
        await().atMost(WAIT).until(() -> conversation(conversationId).getString("intent") != null);
        if (!"resolved".equals(conversation(conversationId).getString("state"))) {
            as("agent").body(Map.of("to", "resolved", "reason", "answered")).when()
                    .post("/api/v1/conversations/{id}/transitions", conversationId).then().statusCode(200);
        }
        String surveyId = as("agent").when().post("/api/v1/conversations/{id}/csat-requests", conversationId).then()
                .statusCode(201).extract().path("id");
        String token = QuarkusTransaction.requiringNew().call(() -> surveys.carriedBy(
                surveys.find(UUID.fromString(surveyId)).orElseThrow().messageId).orElseThrow().token());
        RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("score", String.valueOf(score))
                .when().post("/csat/" + token).then().statusCode(200);
        return conversationId;
    }

    @Test
    void anOutboundWebhookIsSignedRetriedAfterAFailureAndAnUnlistedUrlIsRefused() throws IOException {
        List<String> verifiedBodies = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 18197), 0);
        receiver.createContext("/hooks/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean signed = "POST".equals(exchange.getRequestMethod())
                    && "/hooks/tickets".equals(exchange.getRequestURI().getPath())
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                    && HubSignature.matches("test-webhook-secret", body,
                    exchange.getRequestHeaders().getFirst(OutboundWebhooks.SIGNATURE_HEADER));
            ids.add(String.valueOf(exchange.getRequestHeaders().getFirst(OutboundWebhooks.ID_HEADER)));
            int status = !signed ? 401 : calls.incrementAndGet() == 1 ? 503 : 200;
            if (signed) {
                verifiedBodies.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            AutomationRows.publish(
                    new AutomationRows.Row("hook_chat", Map.of("eventType", "\"message-received\"", "channel", "\"web_chat\""),
                            "tell the ticket system", "call-webhook", "http://127.0.0.1:18197/hooks/tickets"),
                    new AutomationRows.Row("hook_elsewhere", Map.of("eventType", "\"message-received\"", "channel", "\"web_chat\""),
                            "tell someone else", "call-webhook", "http://127.0.0.1:18197/hooksevil/steal"));
            String conversationId = receive(inbound("web_chat", sender(null, null, null, null, "device-" + UUID.randomUUID()),
                    "the app crashes")).getString("conversationId");
            UUID id = UUID.fromString(conversationId);

            await().atMost(WAIT).until(() -> webhookOf(id).map(webhook -> AutomationWebhook.SENT.equals(webhook.status)).orElse(false));
            AutomationWebhook webhook = webhookOf(id).orElseThrow();
            assertThat(webhook.attempts).as("the first attempt failed (503), the second went through").isEqualTo(2);
            assertThat(attemptsOf(webhook.id)).extracting(attempt -> attempt.outcome).containsExactly("transient", "sent");
            assertThat(verifiedBodies).hasSize(2).allSatisfy(body -> assertThat(body).isEqualTo(webhook.body));
            assertThat(ids).containsOnly(webhook.id.toString());
            assertThat(JsonPath.from(webhook.body).getString("conversation.id")).isEqualTo(conversationId);
            assertThat(JsonPath.from(webhook.body).getString("row")).isEqualTo("hook_chat");

            AutomatedAction refused = actionsOf(id).stream().filter(action -> "hook_elsewhere".equals(action.rowId))
                    .findFirst().orElseThrow();
            assertThat(refused.outcome).isEqualTo(AutomatedAction.REFUSED);
            assertThat(refused.detail).contains("allow-list");
            assertThat(calls.get()).as("nothing but the allowed URL was called").isEqualTo(2);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void simulatingANewRowCountsHowOftenItWouldHaveFiredOnTheStoredEventsAndWhere() {
        AutomationRows.publish(new AutomationRows.Row("log_only", Map.of("eventType", "\"nothing\""), "never", "add-tag", "x"));
        Instant since = Instant.now();
        List<String> chats = List.of(chat("first"), chat("second"), chat("third"));
        String mail = receive(inbound("email", sender(uniqueEmail("sim"), null, null, "Cy", null), "a question"))
                .getString("conversationId");
        for (String conversationId : chats) {
            await().atMost(WAIT).until(() -> automationDecisions(conversationId, "message-received") == 1);
        }
        await().atMost(WAIT).until(() -> automationDecisions(mail, "message-received") == 1);

        int draft = AutomationRows.store(AutomationRows.table(new AutomationRows.Row("tag_chat_messages",
                Map.of("eventType", "\"message-received\"", "channel", "\"web_chat\""), "tag chats", "add-tag", "chat")));
        JsonPath simulation = as("analyst").body(Map.of("since", since.toString()))
                .when().post("/api/v1/policies/automations/versions/{v}/simulate?wait=PT60S", draft)
                .then().statusCode(200).extract().jsonPath();
        assertThat(simulation.getString("status")).isEqualTo("completed");
        assertThat(simulation.getInt("report.rows.tag_chat_messages.fired")).isEqualTo(3);
        assertThat(simulation.getList("report.rows.tag_chat_messages.conversations", String.class))
                .containsExactlyInAnyOrderElementsOf(chats);
        assertThat(tagsOf(chats.get(0))).as("a simulation changes nothing").doesNotContain("chat");
    }

    private static String chat(String text) {
        return receive(inbound("web_chat", sender(null, null, null, null, "device-" + UUID.randomUUID()), text))
                .getString("conversationId");
    }

    private static String phone() {
        return "+1555" + String.format("%07d", (long) (Math.random() * 10_000_000));
    }

    private static List<String> tagsOf(String conversationId) {
        return conversation(conversationId).getList("tags", String.class);
    }

    private static List<AutomatedAction> actionsOf(UUID conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> AutomatedAction.<AutomatedAction>list(
                "conversationId = ?1 order by executedAt, rowId", conversationId));
    }

    private static long automationDecisions(String conversationId, String eventType) {
        return QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>list(
                        "conversationId = ?1 and policyName = 'automations'", UUID.fromString(conversationId)).stream()
                .filter(record -> eventType.equals(record.inputs.get("eventType"))).count());
    }

    private static long automatedReplies(String conversationId) {
        return conversation(conversationId).getList("timeline.findAll { it.type == 'message' && it.author == '"
                + AutomationRunner.AUTHOR + "' }").size();
    }

    /** The replyKind channel-reply decided each outbound message of the conversation with. */
    private static List<String> channelReplyKinds(String conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>list(
                        "conversationId = ?1 and policyName = 'channel-reply'", UUID.fromString(conversationId)).stream()
                .map(record -> String.valueOf(record.inputs.get("replyKind"))).toList());
    }

    private static long outboundMessages(String conversationId) {
        return conversation(conversationId).getList("timeline.findAll { it.type == 'message' && it.direction == 'outbound' }").size();
    }

    private static java.util.Optional<AutomationWebhook> webhookOf(UUID conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> AutomationWebhook.<AutomationWebhook>find("conversationId", conversationId)
                .firstResultOptional());
    }

    private static List<AutomationWebhookAttempt> attemptsOf(UUID webhookId) {
        return QuarkusTransaction.requiringNew().call(() -> AutomationWebhookAttempt.<AutomationWebhookAttempt>list(
                "webhookId = ?1 order by attempt", webhookId));
    }
}
