package io.continuum.resolution;

import io.continuum.resolution.swarm.SlackSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/**
 * Resolutions end to end: opened by routing or by an agent, acknowledged at once, updated on the
 * policy's cadence even when nothing changed, fanned out to every linked customer on their own
 * channel, closed with a summary and a draft article, and mirrored into a Slack swarm (a local stub).
 */
@QuarkusTest
class ResolutionTest {

    private static final String AUTHOR = "system:resolution";
    private static SlackStub slack;

    @BeforeAll
    static void slackStub() {
        slack = SlackStub.start();
    }

    @Test
    void aP0TechnicalMessageOpensAResolutionThatAcknowledgesTheCustomerWithCaseIdAndAnHonestNextUpdate() {
        String conversationId = receive(inbound("email", sender(uniqueEmail("p0"), null, null, null, null),
                "Since the last update the app crashes and every payment I make is charged twice, I lost $900!"))
                .getString("conversationId");

        String resolutionId = await().atMost(Duration.ofSeconds(60)).until(
                () -> conversation(conversationId).getString("resolutionId"), id -> id != null);

        JsonPath resolution = resolution(resolutionId);
        assertThat(resolution.getString("status")).isEqualTo("investigating");
        assertThat(resolution.getString("issueType")).isEqualTo("technical");
        assertThat(resolution.getString("owningTeam")).isEqualTo("engineering");
        assertThat(resolution.getList("conversations.conversationId", String.class)).containsExactly(conversationId);
        assertThat(resolution.getString("conversations[0].continuationChannel")).isEqualTo("email");
        assertThat(resolution.getString("nextUpdateDueAt")).isNotNull();
        assertThat(Duration.parse(resolution.getString("updateInterval"))).isLessThanOrEqualTo(Duration.ofHours(12));

        String caseRef = resolution.getString("caseRef");
        List<Map<String, Object>> sent = resolutionMessages(conversationId);
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat((String) message.get("content")).contains("Your case id is " + caseRef)
                    .contains("There is no confirmed time for a fix yet; your next update from us is due at")
                    .doesNotContain("{{");
            assertThat(message.get("channel")).isEqualTo("email");
        });
        assertThat(resolution.getList("customerUpdates.kind", String.class)).containsExactly("acknowledgement");
    }

    @Test
    void statusMovesOnlyAlongTheFixAndOnlyEngineersSetTheWindow() {
        String conversationId = newConversation("email", "status");
        String id = open(conversationId);

        JsonPath illegal = as("engineer").body(Map.of("status", "resolved"))
                .when().patch("/api/v1/resolutions/{id}", id)
                .then().statusCode(409).contentType("application/problem+json").extract().jsonPath();
        assertThat(illegal.getString("detail")).contains("investigating").contains("resolved");
        assertThat(illegal.getList("allowed", String.class)).containsExactlyInAnyOrder("awaiting_fix", "fix_in_progress");

        Instant start = Instant.now().plus(Duration.ofHours(20));
        Instant end = Instant.now().plus(Duration.ofHours(30));
        as("agent").body(Map.of("etaWindow", Map.of("start", start.toString(), "end", end.toString())))
                .when().patch("/api/v1/resolutions/{id}", id)
                .then().statusCode(403).contentType("application/problem+json");

        JsonPath changed = as("engineer").body(Map.of("status", "fix_in_progress", "owningTeam", "infra",
                        "etaWindow", Map.of("start", start.toString(), "end", end.toString()), "clockPaused", true))
                .when().patch("/api/v1/resolutions/{id}", id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(changed.getString("status")).isEqualTo("fix_in_progress");
        assertThat(changed.getString("owningTeam")).isEqualTo("infra");
        assertThat(changed.getString("etaWindow.setBy")).isEqualTo("engineer");
        assertThat(changed.getBoolean("clock.paused")).isTrue();
        assertThat(changed.getList("statusHistory.to", String.class)).containsExactly("investigating", "fix_in_progress");

        as("agent").body(Map.of("conversationId", conversationId)).when().post("/api/v1/conversations/{id}/resolution",
                conversationId).then().statusCode(409).body("resolutionId", equalTo(id));

        as("engineer").body(Map.of("text", "We found the faulty cache node and are replacing it."))
                .when().post("/api/v1/resolutions/{id}/updates", id).then().statusCode(201);
        assertThat(resolutionMessages(conversationId)).last().satisfies(message ->
                assertThat((String) message.get("content")).contains("We found the faulty cache node")
                        .contains("Our engineers expect to resolve it between"));
    }

    @Test
    void oneResolutionUpdatesThreeLinkedConversationsEachOnItsOwnChannel() {
        String byEmail = newConversation("email", "outage-a");
        String byWhatsapp = receive(inbound("whatsapp", sender(null, "+1415555" + digits(4), null, null, null),
                "Hi, I have a question about my account")).getString("conversationId");
        String bySms = receive(inbound("sms", sender(null, "+1415556" + digits(4), null, null, null),
                "Hi, quick question about my plan")).getString("conversationId");
        String id = open(byEmail);
        as("agent").body(Map.of("conversationId", byWhatsapp)).when().post("/api/v1/resolutions/{id}/conversations", id)
                .then().statusCode(200);
        JsonPath linked = as("agent").body(Map.of("conversationId", bySms))
                .when().post("/api/v1/resolutions/{id}/conversations", id).then().statusCode(200).extract().jsonPath();
        assertThat(linked.getList("conversations.continuationChannel", String.class))
                .containsExactly("email", "whatsapp", "sms");

        as("engineer").body(Map.of("text", "Root cause found: a bad config push. Rolling back now."))
                .when().post("/api/v1/resolutions/{id}/updates", id).then().statusCode(201);

        Map<String, String> channels = Map.of(byEmail, "email", byWhatsapp, "whatsapp", bySms, "sms");
        channels.forEach((conversationId, channel) -> {
            List<Map<String, Object>> sent = resolutionMessages(conversationId);
            assertThat(sent).as("acknowledgement and update to %s", channel).hasSize(2);
            assertThat(sent.get(0).get("content").toString()).contains(linked.getString("caseRef"));
            assertThat(sent.get(1).get("content").toString()).contains("Rolling back now");
            assertThat(sent).extracting(m -> m.get("channel")).containsOnly(channel);
        });
        assertThat(resolution(id).getList("customerUpdates.findAll { it.kind == 'engineer' }.recipients", Integer.class))
                .containsExactly(3);
    }

    @Test
    void updatesKeepArrivingAtThePolicyIntervalWhileNothingChangesAndStopWhenResolved() throws Exception {
        int before = liveVersion();
        String threeSeconds = Files.readString(Path.of("../decision-tables/sla-policy.dmn"))
                .replaceAll("(<outputEntry id=\"r\\d+_o4\"><text>)duration\\(\"[^\"]+\"\\)", "$1duration(\"PT3S\")");
        int version = given().auth().preemptive().basic("supervisor", "supervisor").contentType(ContentType.TEXT)
                .body(threeSeconds).when().post("/api/v1/policies/sla-policy/versions")
                .then().statusCode(201).extract().path("version");
        String conversationId;
        String id;
        try {
            as("analyst").when().post("/api/v1/policies/sla-policy/versions/{v}/publish", version).then().statusCode(200);
            conversationId = receive(inbound("email", sender(uniqueEmail("cadence"), null, null, null, null),
                    "Hello, a quick question: the ledger export stops with LedgerTimeoutException")).getString("conversationId");
            id = open(conversationId);
            assertThat(resolution(id).getString("updateInterval")).isEqualTo("PT3S");

            await().atMost(Duration.ofSeconds(40)).until(() -> proactive(id).size() >= 3);
        } finally {
            as("supervisor").body(Map.of("toVersion", before)).when().post("/api/v1/policies/sla-policy/rollback")
                    .then().statusCode(200);
        }
        JsonPath ticking = resolution(id);
        assertThat(ticking.getString("status")).isEqualTo("investigating");
        List<Integer> ticks = ticking.getList("customerUpdates.findAll { it.kind == 'proactive' }.tick", Integer.class);
        assertThat(ticks).startsWith(1, 2, 3).doesNotHaveDuplicates();
        assertThat(resolutionMessages(conversationId)).filteredOn(m -> m.get("content").toString().startsWith("Update on case"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(m -> assertThat(m.get("content").toString()).contains("status investigating")
                        .contains("Nothing has changed since our last update"));

        for (String status : List.of("fix_in_progress", "awaiting_deploy", "monitoring")) {
            as("engineer").body(Map.of("status", status)).when().patch("/api/v1/resolutions/{id}", id).then().statusCode(200);
        }
        as("engineer").body(Map.of("content", "Thanks all. The pool ran out of connections after the nightly batch, "
                        + "so we restarted the ledger service and the exports resumed."))
                .when().post("/api/v1/resolutions/{id}/notes", id).then().statusCode(201);
        as("engineer").body(Map.of("status", "resolved", "rootCause", "A connection pool leak in the ledger service",
                        "fixDescription", "We deployed a patch that closes idle connections."))
                .when().patch("/api/v1/resolutions/{id}", id).then().statusCode(200);

        JsonPath resolved = await().atMost(Duration.ofSeconds(20)).until(() -> resolution(id),
                r -> r.getString("knowledgeArticleId") != null);
        assertThat(resolved.getString("summary")).contains(resolved.getString("caseRef"))
                .contains("Reported by 1 customer on email").contains("Errors quoted: LedgerTimeoutException")
                .contains("Root cause: A connection pool leak in the ledger service. Fix: We deployed a patch that closes idle connections.")
                .contains("From the notes (extractive): The pool ran out of connections after the nightly batch")
                .doesNotContain("Thanks all").doesNotContain("a quick question");
        assertThat(resolved.getString("nextUpdateDueAt")).isNull();
        assertThat(resolutionMessages(conversationId)).last().satisfies(m ->
                assertThat(m.get("content").toString()).contains("is resolved").contains("closes idle connections"));
        as("agent").when().get("/api/v1/kb/articles/{id}", resolved.getString("knowledgeArticleId"))
                .then().statusCode(200).body("version.status", equalTo("draft"));

        int proactiveAtResolution = proactive(id).size();
        Instant quietUntil = Instant.now().plusSeconds(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(quietUntil));
        assertThat(proactive(id)).as("no updates after resolution").hasSize(proactiveAtResolution);
    }

    @Test
    void theSwarmChannelIsOpenedBriefedSyncedBothWaysAndArchived() {
        String conversationId = newConversation("email", "swarm");
        String id = open(conversationId);
        String channel = await().atMost(Duration.ofSeconds(30)).until(() -> resolution(id).getString("swarm.channelId"),
                c -> c != null);
        JsonPath opened = resolution(id);
        assertThat(opened.getString("swarm.status")).isEqualTo("open");
        assertThat(opened.getString("swarm.link")).isEqualTo("https://continuum-test.slack.com/archives/" + channel);
        assertThat(opened.getList("swarm.participants", String.class)).containsExactly("U0ENG1", "U0ENG2");

        SlackStub.Call create = slack.calls.stream().filter(c -> c.method().equals("conversations.create")
                && c.params().get("name").startsWith(opened.getString("caseRef").toLowerCase())).findFirst().orElseThrow();
        assertThat(create.httpMethod()).isEqualTo("POST");
        assertThat(create.authorization()).isEqualTo("Bearer xoxb-test-token");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.callsFor(channel).size() >= 2);
        assertThat(slack.callsFor(channel).get(0)).satisfies(invite -> {
            assertThat(invite.method()).isEqualTo("conversations.invite");
            assertThat(invite.params().get("users")).isEqualTo("U0ENG1,U0ENG2");
        });
        assertThat(slack.callsFor(channel).get(1)).satisfies(brief -> {
            assertThat(brief.method()).isEqualTo("chat.postMessage");
            assertThat(brief.params().get("text")).contains(opened.getString("caseRef")).contains("Owning team: engineering");
        });

        String ts = System.currentTimeMillis() / 1000 + ".000200";
        String event = """
                {"type":"event_callback","event":{"type":"message","channel":"%s","user":"U0ENG1",
                 "text":"Looks like the ledger pool again","ts":"%s","thread_ts":"1.0"}}""".formatted(channel, ts);
        slackPost("/webhooks/slack/events", event, "application/json").then().statusCode(200);
        slackPost("/webhooks/slack/events", event, "application/json").then().statusCode(200);
        assertThat(resolution(id).getList("notes.findAll { it.source == 'slack' }.content", String.class))
                .containsExactly("Looks like the ledger pool again");

        slackPost("/webhooks/slack/commands", "command=%2Fresolution&text=status+fix_in_progress&channel_id=" + channel
                + "&user_id=U0ENG2&user_name=dana", "application/x-www-form-urlencoded")
                .then().statusCode(200).body("response_type", equalTo("in_channel"));
        assertThat(resolution(id).getString("status")).isEqualTo("fix_in_progress");
        slackPost("/webhooks/slack/commands", "command=%2Fresolution&text=status+resolved&channel_id=" + channel
                + "&user_id=U0ENG2&user_name=dana", "application/x-www-form-urlencoded")
                .then().statusCode(200).body("response_type", equalTo("ephemeral"));

        as("agent").body(Map.of("content", "Customer is a reseller with 40 affected shops"))
                .when().post("/api/v1/resolutions/{id}/notes", id).then().statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.callsFor(channel).stream().anyMatch(c ->
                c.params().getOrDefault("text", "").contains("40 affected shops")));
        assertThat(slack.callsFor(channel)).anySatisfy(c ->
                assertThat(c.params().get("text")).contains("investigating → fix_in_progress").contains("slack:dana"));

        for (String status : List.of("awaiting_deploy", "monitoring", "resolved")) {
            as("engineer").body(Map.of("status", status)).when().patch("/api/v1/resolutions/{id}", id).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "archived".equals(resolution(id).getString("swarm.status")));
        List<SlackStub.Call> calls = slack.callsFor(channel);
        assertThat(calls.get(calls.size() - 1).method()).isEqualTo("conversations.archive");
        assertThat(calls.get(calls.size() - 2).params().get("text")).startsWith("Resolved.");
    }

    @Test
    void slackRequestsMustBeSignedRecentlyWithTheSigningSecret() {
        String body = "{\"type\":\"url_verification\",\"challenge\":\"abc123\"}";
        slackPost("/webhooks/slack/events", body, "application/json").then().statusCode(200).body("challenge", equalTo("abc123"));

        String ts = Long.toString(Instant.now().getEpochSecond());
        given().contentType(ContentType.JSON).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackSignature.sign("a-forged-secret", ts, body)).body(body)
                .when().post("/webhooks/slack/events")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        String stale = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
        given().contentType(ContentType.JSON).header("X-Slack-Request-Timestamp", stale)
                .header("X-Slack-Signature", SlackSignature.sign("test-signing-secret", stale, body)).body(body)
                .when().post("/webhooks/slack/events").then().statusCode(401);
        given().contentType(ContentType.URLENC).body("text=status+resolved&channel_id=C1")
                .when().post("/webhooks/slack/commands").then().statusCode(401);
    }

    @Test
    void supervisorsEditTheCustomerTemplatesInEachLanguage() {
        as("agent").when().get("/api/v1/templates/resolution-update").then().statusCode(403);
        assertThat(as("supervisor").queryParam("language", "es").when().get("/api/v1/templates/resolution-update")
                .then().statusCode(200).extract().jsonPath().getString("body")).startsWith("Novedades del caso");
        String original = as("supervisor").when().get("/api/v1/templates/resolution-no-news")
                .then().statusCode(200).extract().path("body");
        try {
            as("supervisor").body(Map.of("language", "en", "body", "Still working on it, no news yet."))
                    .when().put("/api/v1/templates/resolution-no-news").then().statusCode(200)
                    .body("updatedBy", equalTo("supervisor"));
            as("supervisor").body(Map.of("language", "english!", "body", "x"))
                    .when().put("/api/v1/templates/resolution-no-news").then().statusCode(400)
                    .contentType("application/problem+json");
            assertThat(as("supervisor").when().get("/api/v1/templates/resolution-no-news").then().statusCode(200)
                    .extract().jsonPath().getString("body")).isEqualTo("Still working on it, no news yet.");
        } finally {
            as("supervisor").body(Map.of("language", "en", "body", original))
                    .when().put("/api/v1/templates/resolution-no-news").then().statusCode(200);
        }
    }

    private static io.restassured.response.Response slackPost(String path, String body, String contentType) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return given().contentType(contentType).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackSignature.sign("test-signing-secret", ts, body)).body(body)
                .when().post(path);
    }

    static String newConversation(String channel, String label) {
        return receive(inbound(channel, sender(uniqueEmail(label), null, null, null, null), "Hello, a quick question"))
                .getString("conversationId");
    }

    static String open(String conversationId) {
        return as("agent").body(Map.of("title", "Ledger sync fails for " + conversationId.substring(0, 8)))
                .when().post("/api/v1/conversations/{id}/resolution", conversationId)
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath resolution(String id) {
        return as("engineer").when().get("/api/v1/resolutions/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> proactive(String id) {
        return resolution(id).getList("customerUpdates.findAll { it.kind == 'proactive' }");
    }

    static List<Map<String, Object>> resolutionMessages(String conversationId) {
        List<Map<String, Object>> timeline = conversation(conversationId).getList("timeline");
        return timeline.stream().filter(e -> "message".equals(e.get("type")) && AUTHOR.equals(e.get("author"))).toList();
    }

    private static int liveVersion() {
        List<Map<String, Object>> policies = as("agent").when().get("/api/v1/policies")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return policies.stream().filter(p -> "sla-policy".equals(p.get("name"))).map(p -> (Integer) p.get("liveVersion"))
                .findFirst().orElseThrow();
    }

    private static String digits(int n) {
        return UUID.randomUUID().toString().replaceAll("[^0-9]", "").concat("0000000000").substring(0, n);
    }
}
