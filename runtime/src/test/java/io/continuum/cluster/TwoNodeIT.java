package io.continuum.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.continuum.support.ChatClient;
import io.continuum.support.KafkaBroker;
import io.continuum.support.PackagedApp;
import io.continuum.support.SlaPolicies;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged nodes on one PostgreSQL database and one Kafka broker (in this JVM), clustered over JGroups on
 * loopback, driven the way clients
 * behind a proxy without sticky sessions drive them: a chat visitor on node B gets live what an agent does on
 * node A, a policy published on A decides on B, a visitor's message allowance is one for both nodes, a
 * simulation running on A stops when cancelled on B, a timer both nodes hold fires once, agents on A and B see each
 * other in a conversation and B's live stream hears of a reply sent through A, and under a load spread over both, node A is killed
 * (SIGKILL): no acknowledged message is lost or triaged twice (B takes over A's partitions), and B fires once the SLA clock and the hand-off timer
 * (held by A, the timer leader) that fell due after A died.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeIT {

    private static final String DB = System.getProperty("continuum.it.db", "continuum_it") + "_two_nodes";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;
    private static final int MESSAGES_PER_VISITOR = 4;
    /** How often the timer leader loads the stored timers due soon (the jobs service counts in whole minutes). */
    private static final Duration LEADER_LOADS_TIMERS_EVERY = Duration.ofMinutes(1);
    private static final Map<String, String> EVERY_NODE = everyNode();
    private static final Node A = new Node("a", 18091, 17801);
    private static final Node B = new Node("b", 18092, 17802);

    /** One node: its HTTP port, its cluster port on loopback, the packaged app. */
    private record Node(String name, int httpPort, int clusterPort, PackagedApp app) {

        Node(String name, int httpPort, int clusterPort) {
            this(name, httpPort, clusterPort, new PackagedApp(httpPort, DB, Path.of("target", "it-two-nodes-" + name),
                    settings(name, clusterPort)));
        }

        RequestSpecification as(String user) {
            return RestAssured.given().port(httpPort).auth().preemptive().basic(user, user).contentType(ContentType.JSON);
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + httpPort + path);
        }
    }

    /**
     * What every node is given: one database, one cluster, one secret for timers, one master key for personal data.
     * Settings both nodes need go here.
     */
    private static Map<String, String> everyNode() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("continuum.demo-data", "false");
        settings.put("continuum.cluster.enabled", "true");
        settings.put("continuum.cluster.bind-address", "127.0.0.1");
        settings.put("continuum.cluster.members", "127.0.0.1:17801,127.0.0.1:17802");
        settings.put("continuum.internal-callers.secret", "two-node-it-" + UUID.randomUUID());
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        settings.put("continuum.privacy.master-key", Base64.getEncoder().encodeToString(masterKey));
        settings.put("continuum.rate-limits.webchat-messages-per-visitor", Integer.toString(MESSAGES_PER_VISITOR));
        settings.put("kogito.jobs-service.loadJobIntervalInMinutes", Long.toString(LEADER_LOADS_TIMERS_EVERY.toMinutes()));
        // events between the nodes go through a real broker: the nodes share each consumer's partitions
        settings.putAll(KafkaBroker.shared().appSettings());
        return settings;
    }

    private static Map<String, String> settings(String name, int clusterPort) {
        Map<String, String> settings = new LinkedHashMap<>(EVERY_NODE);
        settings.put("continuum.cluster.node-name", name);
        settings.put("continuum.cluster.bind-port", Integer.toString(clusterPort));
        return settings;
    }

    @BeforeAll
    static void startBothNodes() throws Exception {
        A.app().freshDatabase();
        Files.createDirectories(B.app().workDir());
        // A first: it migrates the empty database and becomes the timer leader, which the kill below takes over
        Instant starting = Instant.now();
        A.app().start(A.name());
        Instant aReady = Instant.now();
        B.app().start(B.name());
        Instant bothReady = Instant.now();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> clusterMembers(A) == 2 && clusterMembers(B) == 2);
        System.out.printf("[figures] node A ready in %d ms, node B %d ms later; cluster of two seen %d ms after B was ready%n",
                Duration.between(starting, aReady).toMillis(), Duration.between(aReady, bothReady).toMillis(),
                Duration.between(bothReady, Instant.now()).toMillis());
    }

    @AfterAll
    static void stopBothNodes() throws InterruptedException {
        A.app().stop();
        B.app().stop();
    }

    /** How many members the node's readiness check reports (0 when it does not answer). */
    private static int clusterMembers(Node node) {
        try {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<Integer> members = JsonPath.from(ready.body()).getList("checks.findAll { it.name == 'cluster' }.data.members");
            return members.isEmpty() ? 0 : members.get(0);
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    @Test
    @Order(1)
    void eachNodeSeesTheOtherByName() {
        JsonPath onA = RestAssured.given().port(A.httpPort()).get("/q/health/ready").then().extract().jsonPath();
        assertThat(onA.getString("checks.find { it.name == 'cluster' }.data.node")).isEqualTo("a");
        assertThat(onA.getBoolean("checks.find { it.name == 'cluster' }.data.clustered")).isTrue();
        JsonPath onB = RestAssured.given().port(B.httpPort()).get("/q/health/ready").then().extract().jsonPath();
        assertThat(onB.getString("checks.find { it.name == 'cluster' }.data.node")).isEqualTo("b");
    }

    @Test
    @Order(2)
    void aVisitorChattingWithNodeBSeesLiveWhatAnAgentDoesOnNodeA() throws Exception {
        try (ChatClient visitor = new ChatClient(B.uri("/ws/chat"))) {
            visitor.hello(ChatClient.newVisitorId(), null, null);
            JsonNode ack = visitor.say("Where is my parcel?", null);
            assertThat(ack.path("type").asText()).isEqualTo("ack");
            String conversationId = ack.path("conversationId").asText();

            // typing both ways: the agent on A, the visitor's socket on B
            JsonPath typing = A.as("agent").post("/api/v1/webchat/conversations/{id}/typing", conversationId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(typing.getInt("chatsNotified")).as("A handed the indicator to B, which pushed it").isEqualTo(1);
            assertThat(visitor.next("typing").path("who").asText()).isEqualTo("agent");
            visitor.send(Map.of("type", "typing"));
            await().atMost(Duration.ofSeconds(10)).until(() -> A.as("agent")
                    .get("/api/v1/webchat/conversations/{id}/typing", conversationId).then().extract().<Boolean>path("visitorTyping"));

            // whichever node's delivery poller takes a reply, it reaches the socket on B, once
            List<String> replyIds = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                String content = "Reply " + n + " from node A " + UUID.randomUUID();
                replyIds.add(A.as("agent").body(Map.of("content", content))
                        .post("/api/v1/conversations/{id}/messages", conversationId)
                        .then().statusCode(201).extract().path("id"));
                JsonNode pushed = visitor.next("message");
                assertThat(pushed.path("content").asText()).isEqualTo(content);
            }
            for (String replyId : replyIds) {
                await().atMost(Duration.ofSeconds(10)).until(() -> deliveryStatus(replyId).equals("sent 1 web_chat"));
            }
        }
    }

    /** The delivery row of a reply: status, attempts and channel (a fallback would change the channel). */
    private static String deliveryStatus(String messageId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var query = connection.prepareStatement("SELECT status, attempts, channel FROM delivery WHERE message_id = ?::uuid")) {
            query.setString(1, messageId);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) + " " + rows.getInt(2) + " " + rows.getString(3) : "none";
            }
        }
    }

    @Test
    @Order(3)
    void aVisitorWritingThroughBothNodesHasTheAllowanceOfOne() throws Exception {
        String visitorId = ChatClient.newVisitorId();
        try (ChatClient onA = new ChatClient(A.uri("/ws/chat")); ChatClient onB = new ChatClient(B.uri("/ws/chat"))) {
            onA.hello(visitorId, null, null);
            onB.hello(visitorId, null, null);
            Instant first = Instant.now();
            int acknowledged = 0;
            for (int n = 0; n < 2 * MESSAGES_PER_VISITOR; n++) {
                JsonNode answer = (n % 2 == 0 ? onA : onB).say("Message " + n, null);
                acknowledged += "ack".equals(answer.path("type").asText()) ? 1 : 0;
            }
            // the bucket refills one message every 60 s / MESSAGES_PER_VISITOR while the messages are sent
            long refilled = Duration.between(first, Instant.now()).toSeconds() * MESSAGES_PER_VISITOR / 60;
            assertThat(acknowledged).isGreaterThanOrEqualTo(MESSAGES_PER_VISITOR).isLessThanOrEqualTo((int) (MESSAGES_PER_VISITOR + refilled));
        }
    }

    @Test
    @Order(4)
    void aPolicyPublishedOnADecidesOnBWithinOneSecond() throws Exception {
        Map<String, Object> moneyAtStake = Map.of("intent", "how_to_guidance", "moneySignal", true, "securitySignal", false,
                "legalSignal", false, "outageSignal", false, "tier", "free", "sentiment", 0);
        assertThat(B.as("analyst").body(moneyAtStake).post("/api/v1/policies/severity/evaluate")
                .then().statusCode(200).extract().<String>path("outputs.severity")).isEqualTo("P0");
        String softer = Files.readString(Path.of("..", "decision-tables", "severity.dmn"))
                .replace("<outputEntry id=\"r1_o1\"><text>\"P0\"</text></outputEntry>",
                        "<outputEntry id=\"r1_o1\"><text>\"P1\"</text></outputEntry>");
        int version = A.as("analyst").contentType(ContentType.TEXT).body(softer).post("/api/v1/policies/severity/versions")
                .then().statusCode(201).extract().path("version");

        A.as("analyst").post("/api/v1/policies/severity/versions/{v}/publish", version).then().statusCode(200);
        Instant published = Instant.now();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonPath decided = B.as("analyst").body(moneyAtStake).post("/api/v1/policies/severity/evaluate")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(decided.getInt("version")).isEqualTo(version);
            assertThat(decided.getString("outputs.severity")).isEqualTo("P1");
        });
        System.out.printf("[figures] policy published on A decided on B after %d ms%n",
                Duration.between(published, Instant.now()).toMillis());
    }

    @Test
    @Order(5)
    void aSimulationRunningOnAStopsWhenCancelledOnB() throws Exception {
        Instant since = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        int decisions = 200_000;
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var insert = connection.prepareStatement("INSERT INTO decision_log (id, policy_name, policy_version, inputs, outputs, "
                     + "fired, duration_micros, evaluated_at) SELECT gen_random_uuid(), 'severity', 1, "
                     + "jsonb_build_object('intent', 'how_to_guidance', 'moneySignal', n % 2 = 0, 'securitySignal', false, "
                     + "'legalSignal', false, 'outageSignal', false, 'tier', 'free', 'sentiment', 0), "
                     + "jsonb_build_object('severity', CASE WHEN n % 2 = 0 THEN 'P0' ELSE 'P3' END), '[]', 10, "
                     + "CAST(? AS timestamptz) + n * interval '1 millisecond' FROM generate_series(1, ?) AS n")) {
            insert.setString(1, since.toString());
            insert.setInt(2, decisions);
            insert.executeUpdate();
        }
        String id = A.as("analyst").queryParam("wait", "PT0S").body(Map.of("since", since.toString(), "limit", 1_000_000))
                .post("/api/v1/policies/severity/versions/{v}/simulate", 1).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> B.as("analyst").get("/api/v1/policies/severity/simulations/{id}", id)
                .then().extract().jsonPath().getInt("processed") > 0);

        JsonPath cancelled = B.as("analyst").post("/api/v1/policies/severity/simulations/{id}/cancel", id)
                .then().statusCode(200).extract().jsonPath();

        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getInt("processed")).as("A stopped replaying, keeping what it had done")
                .isPositive().isLessThan(cancelled.getInt("total"));
        assertThat(cancelled.getInt("report.replayed")).isEqualTo(cancelled.getInt("processed"));
    }

    /**
     * B schedules a hand-off's timer and holds it in memory; A, the timer leader, loads every stored timer falling due
     * within its window each minute and holds it too: both fire it at the same instant, and the first to claim it
     * triggers the process (ProcessTimerFirings); one escalation, not two.
     */
    @Test
    @Order(6)
    void aTimerHeldByBothNodesFiresOnce() {
        Instant scheduled = Instant.now();
        String handoff = B.as("admin").body(Map.of("conversationId", UUID.randomUUID().toString(), "queue", "general",
                "firstResponseDue", "PT" + (LEADER_LOADS_TIMERS_EVERY.toSeconds() + 10) + "S"))
                .post("/agent-handoff").then().statusCode(201).extract().path("id");
        await().atMost(LEADER_LOADS_TIMERS_EVERY.plusSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> escalations(handoff) >= 1);
        System.out.printf("[figures] a timer held by both nodes fired %d ms after it was scheduled%n",
                Duration.between(scheduled, Instant.now()).toMillis());
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> escalations(handoff) == 1);
    }

    /**
     * An agent's page on A and a supervisor's on B: each sees the other in the conversation (presence lives in the
     * cluster's shared cache), and B's live stream hears of a message that arrived through A.
     */
    @Test
    @Order(7)
    void agentsOnDifferentNodesSeeEachOtherAndHearOfChangesMadeThroughTheOther() throws Exception {
        String conversationId = A.as("api").body(Map.of("channel", "email", "externalId", "presence-" + UUID.randomUUID(),
                        "from", Map.of("email", "presence-" + UUID.randomUUID() + "@example.com"),
                        "content", "Is anybody looking at my ticket?", "attachments", List.of()))
                .post("/api/v1/messages").then().statusCode(202).extract().path("conversationId");
        A.as("agent").body(Map.of("typing", true)).put("/api/v1/presence/{id}", conversationId).then().statusCode(200);
        List<Map<String, Object>> seenOnB = B.as("supervisor").body(Map.of("typing", false))
                .put("/api/v1/presence/{id}", conversationId).then().statusCode(200).extract().jsonPath().getList("people");
        assertThat(seenOnB).extracting(viewer -> viewer.get("username") + (Boolean.TRUE.equals(viewer.get("typing")) ? " typing" : ""))
                .containsExactlyInAnyOrder("agent typing", "supervisor");

        // first contact is done with it: the next message.sent of this conversation is the agent's reply below
        await().atMost(Duration.ofSeconds(30)).until(() -> A.as("agent").get("/api/v1/conversations/{id}", conversationId)
                .then().statusCode(200).extract().path("intent") != null);
        HttpRequest live = HttpRequest.newBuilder(B.uri("/api/v1/live")).header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("supervisor:supervisor".getBytes(StandardCharsets.UTF_8)))
                .build();
        CountDownLatch ready = new CountDownLatch(1);
        CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
            try (Stream<String> lines = HttpClient.newHttpClient().send(live, HttpResponse.BodyHandlers.ofLines()).body()) {
                Iterator<String> events = lines.iterator();
                while (events.hasNext()) {
                    String line = events.next().replace(" ", "");
                    if (line.equals("event:ready")) {
                        ready.countDown();
                    } else if (line.startsWith("data:") && line.contains("\"type\":\"message.sent\"") && line.contains(conversationId)) {
                        return line;
                    }
                }
                return null;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(ready.await(15, TimeUnit.SECONDS)).as("B's live stream is open").isTrue();
            A.as("agent").body(Map.of("content", "Looking at it now")).post("/api/v1/conversations/{id}/messages", conversationId)
                    .then().statusCode(201);
            assertThat(heard.get(15, TimeUnit.SECONDS)).as("B's stream hears of the reply sent through A").contains(conversationId);
        } finally {
            heard.cancel(true);
        }
    }

    @Test
    @Order(8)
    void killingANodeUnderLoadLosesNothingAcknowledgedAndTheOtherFiresItsTimers() throws Exception {
        int slaVersion = A.as("supervisor").contentType(ContentType.TEXT)
                .body(SlaPolicies.flat("drill", "PT15S", "PT15S", "PT1H", "PT1H", 0.5))
                .post("/api/v1/policies/sla-policy/versions").then().statusCode(201).extract().path("version");
        A.as("supervisor").post("/api/v1/policies/sla-policy/versions/{v}/publish", slaVersion).then().statusCode(200);

        // a hand-off whose first-response timer A (the timer leader) holds, falling due after A is gone
        String handoff = A.as("admin").body(Map.of("conversationId", UUID.randomUUID().toString(), "queue", "general",
                "firstResponseDue", "PT40S")).post("/agent-handoff").then().statusCode(201).extract().path("id");
        Load load = new Load("two-" + UUID.randomUUID().toString().substring(0, 8));
        Thread sender = new Thread(load::send, "two-node-load");
        sender.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged.size() >= 20);
            String waiting = load.clockedConversation.get();
            assertThat(waiting).as("a conversation whose SLA clock runs").isNotNull();
            await().atMost(Duration.ofSeconds(15)).until(() -> firstResponseDue(waiting) != null);
            Instant due = firstResponseDue(waiting);
            A.app().kill();
            Instant killed = Instant.now();
            assertThat(due).as("the breach falls due after node A died").isAfter(killed);

            int before = load.acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged.size() >= before + 20);
            load.sending.set(false);
            sender.join(15_000);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL", null) == 0
                            && count("SELECT count(*) FROM conversation c WHERE c.triaged_at IS NULL AND EXISTS (SELECT 1 FROM message m "
                            + "WHERE m.conversation_id = c.id AND m.external_id LIKE ?)", load.run + "-%") == 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> SlaPolicies.firstResponseEvents(JDBC, "sla.breached", waiting) == 1);
            await().atMost(Duration.ofSeconds(90)).until(() -> escalations(handoff) == 1);
            System.out.printf("[figures] after the kill of node A: %d messages acknowledged before, %d in all; the breach due %d ms "
                    + "after the kill fired on B%n", before, load.acknowledged.size(), Duration.between(killed, due).toMillis());

            assertThat(count("SELECT count(*) FROM message WHERE external_id LIKE ?", load.run + "-%"))
                    .as("no message stored twice")
                    .isEqualTo(count("SELECT count(DISTINCT external_id) FROM message WHERE external_id LIKE ?", load.run + "-%"));
            try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
                 var stored = connection.prepareStatement("SELECT count(*) FROM message WHERE external_id = ANY (?)")) {
                stored.setArray(1, connection.createArrayOf("text", load.acknowledged.toArray()));
                var result = stored.executeQuery();
                result.next();
                assertThat(result.getLong(1)).as("every acknowledged message stored").isEqualTo(load.acknowledged.size());
            }
            assertThat(count("SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE topic = 'message.classified' "
                    + "GROUP BY payload->>'messageId' HAVING count(*) > 1) twice", null)).as("no message triaged twice").isZero();
            assertThat(count("SELECT count(*) FROM outbox_consumer_failure WHERE dead_at IS NOT NULL", null)).as("no dead letters").isZero();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> SlaPolicies.firstResponseEvents(JDBC, "sla.breached", waiting) == 1 && escalations(handoff) == 1);
        } finally {
            load.sending.set(false);
            sender.join(15_000);
        }
    }

    /**
     * Inbound messages posted one after another, alternately to A and B; a node that does not answer is left for
     * the other, as the proxy does. A message counts only once a node answered 202.
     */
    private static final class Load {
        final String run;
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final AtomicBoolean sending = new AtomicBoolean(true);
        /** The conversation of this run's first acknowledged message (its SLA clock runs from then). */
        final AtomicReference<String> clockedConversation = new AtomicReference<>();

        Load(String run) {
            this.run = run;
        }

        void send() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString("api:api".getBytes(StandardCharsets.UTF_8));
            for (int n = 0; sending.get(); n++) {
                String id = run + "-" + n;
                String body = "{\"channel\":\"email\",\"externalId\":\"" + id + "\",\"from\":{\"email\":\"" + run + "-" + (n % 10)
                        + "@example.com\"},\"content\":\"I need to talk to a person about invoice " + n + "\",\"attachments\":[]}";
                for (Node node : n % 2 == 0 ? List.of(A, B) : List.of(B, A)) {
                    HttpRequest request = HttpRequest.newBuilder(node.uri("/api/v1/messages")).timeout(Duration.ofSeconds(10))
                            .header("Authorization", auth).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 202) {
                            acknowledged.add(id);
                            clockedConversation.compareAndSet(null, JsonPath.from(answer.body()).getString("conversationId"));
                            break;
                        }
                    } catch (IOException down) {
                        // this node is gone: the same message goes to the other one
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** The hand-off's escalated tasks, as B shows them to supervisors: one once its first-response timer fired. */
    private static long escalations(String handoff) {
        List<Map<String, Object>> tasks = B.as("admin").queryParam("user", "supervisor").queryParam("group", "supervisor")
                .get("/usertasks/instance").then().statusCode(200).extract().jsonPath().getList("$");
        return tasks.stream().filter(task -> handoff.equals(((Map<?, ?>) task.get("metadata")).get("ProcessInstanceId"))
                && "EscalatedRespondToCustomer".equals(task.get("taskName"))).count();
    }

    private static Instant firstResponseDue(String conversationId) {
        String due = B.as("agent").get("/api/v1/conversations/{id}", conversationId).then().statusCode(200)
                .extract().path("sla.firstResponseDueAt");
        return due == null ? null : Instant.parse(due);
    }

    /** A count over the database; {@code parameter}, if any, is bound to the first placeholder. */
    private static long count(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres");
             var statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
