package io.continuum.ingestion;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class MessageIngestionTest {

    @Inject
    EntityManager entityManager;

    @Test
    void redeliveredMessageIsAcceptedOnceAndAnsweredWithTheOriginalIds() {
        Map<String, Object> message = inbound("whatsapp", "wamid." + UUID.randomUUID(),
                sender(null, "+14155550171", null, null, null), "Is my order shipped?", null);
        JsonPath first = receive(message);
        JsonPath again = receive(message);

        assertThat(first.getBoolean("duplicate")).isFalse();
        assertThat(again.getBoolean("duplicate")).isTrue();
        assertThat(again.getString("messageId")).isEqualTo(first.getString("messageId"));
        assertThat(again.getString("conversationId")).isEqualTo(first.getString("conversationId"));
        assertThat(again.getString("customerId")).isEqualTo(first.getString("customerId"));
        long stored = (Long) entityManager.createQuery("select count(m) from Message m where m.externalId = :id")
                .setParameter("id", message.get("externalId")).getSingleResult();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void fiftySimultaneousFirstMessagesFromOneNewCustomerOnTwoChannelsMakeOneCustomerAndOneConversation() throws Exception {
        String email = uniqueEmail("burst");
        String device = "device-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(25);
        List<Callable<JsonPath>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> message = i % 2 == 0
                    ? inbound("web_chat", sender(email, null, null, "Burst", device), "chat " + i)
                    : inbound("email", sender(email, null, null, "Burst", null), "mail " + i);
            sends.add(() -> receive(message));
        }
        List<JsonPath> results = new ArrayList<>();
        try {
            for (Future<JsonPath> result : pool.invokeAll(sends)) {
                results.add(result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(results).hasSize(50);
        Set<String> customers = results.stream().map(r -> r.getString("customerId")).collect(Collectors.toSet());
        Set<String> conversations = results.stream().map(r -> r.getString("conversationId")).collect(Collectors.toSet());
        assertThat(customers).hasSize(1);
        assertThat(conversations).hasSize(1);
        assertThat(results).noneMatch(r -> r.getBoolean("duplicate"));
        JsonPath timeline = conversation(conversations.iterator().next());
        assertThat(timeline.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }", Map.class)).hasSize(50);
        assertThat(timeline.getList("channelsUsed", String.class)).containsExactlyInAnyOrder("web_chat", "email");
    }

    @Test
    void aMessageForAConversationOthersKeepChangingIsAcceptedNotRefusedAsAConflict() throws Exception {
        String email = uniqueEmail("busy");
        UUID conversationId = UUID.fromString(receive(inbound("email", sender(email, null, null, null, null), "first"))
                .getString("conversationId"));
        // first contact, agents and SLA clocks change a live conversation back to back: each holds its row until
        // a message's transaction waits for it, then commits a new version
        AtomicBoolean busy = new AtomicBoolean(true);
        ExecutorService others = Executors.newSingleThreadExecutor();
        Future<Integer> changes = others.submit(() -> {
            int committed = 0;
            while (busy.get()) {
                QuarkusTransaction.requiringNew().run(() -> {
                    entityManager.createNativeQuery("SELECT id FROM conversation WHERE id = ?1 FOR UPDATE")
                            .setParameter(1, conversationId).getResultList();
                    entityManager.createNativeQuery("UPDATE conversation SET version = version + 1 WHERE id = ?1")
                            .setParameter(1, conversationId).executeUpdate();
                    await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(5))
                            .until(() -> !busy.get() || someoneWaitsForALock());
                });
                committed++;
            }
            return committed;
        });
        try {
            for (int i = 0; i < 8; i++) {
                Map<String, Object> message = inbound("email", sender(email, null, null, null, null), "follow-up " + i);
                as("api").body(message).when().post("/api/v1/messages").then().statusCode(202)
                        .body("conversationId", equalTo(conversationId.toString()));
            }
        } finally {
            busy.set(false);
            others.shutdown();
        }
        assertThat(changes.get()).isPositive();
        assertThat(conversation(conversationId.toString())
                .getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }", Map.class)).hasSize(9);
    }

    private boolean someoneWaitsForALock() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")
                .getSingleResult()).longValue() > 0;
    }

    @Test
    void invalidMessageIsRefusedWithEveryBadField() {
        Map<String, Object> message = inbound("telegram", sender(null, null, null, null, null), " ");
        message.put("externalId", "");
        as("api").body(message).when().post("/api/v1/messages")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("channel", "externalId", "content"));
    }

    @Test
    void senderWithoutAnyUsableIdentifierIsRefused() {
        as("api").body(inbound("email", sender("not-an-email", "12", null, "Nobody", null), "hi"))
                .when().post("/api/v1/messages")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void malformedJsonIsABadRequestWithThePosition() {
        as("api").body("{\"channel\": \"email\", \"externalId\": ").when().post("/api/v1/messages")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/malformed-json"));
    }

    @Test
    void wrongFieldTypeNamesTheField() {
        Map<String, Object> message = inbound("email", sender(uniqueEmail("type"), null, null, null, null), "hi");
        message.put("receivedAt", "yesterday");
        as("api").body(message).when().post("/api/v1/messages")
                .then().statusCode(400).body("errors[0].field", equalTo("receivedAt"));
    }

    @Test
    void oversizeContentIsRefusedWith413AndNothingIsStored() {
        String externalId = "big-" + UUID.randomUUID();
        as("api").body(inbound("email", externalId, sender(uniqueEmail("big"), null, null, null, null), "x".repeat(70_000), null))
                .when().post("/api/v1/messages")
                .then().statusCode(413).body("status", equalTo(413));
        long stored = (Long) entityManager.createQuery("select count(m) from Message m where m.externalId = :id")
                .setParameter("id", externalId).getSingleResult();
        assertThat(stored).isZero();
    }

    @Test
    void onlyIntegrationsPostMessages() {
        as("agent").body(inbound("email", sender(uniqueEmail("role"), null, null, null, null), "hi"))
                .when().post("/api/v1/messages").then().statusCode(403);
    }

    @Test
    void attachmentsAreStoredWithTheirMetadata() {
        byte[] file = "%PDF-1.7 invoice".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> message = inbound("email", sender(uniqueEmail("files"), null, null, null, null), "Invoice attached");
        message.put("attachments", List.of(Map.of("fileName", "invoice.pdf", "contentType", "application/pdf",
                "content", Base64.getEncoder().encodeToString(file))));
        JsonPath accepted = receive(message);
        JsonPath view = conversation(accepted.getString("conversationId"));
        List<Map<String, Object>> attachments = view.getList("timeline.find { it.type == 'message' }.attachments");
        assertThat(attachments).singleElement().satisfies(a -> {
            assertThat(a.get("fileName")).isEqualTo("invoice.pdf");
            assertThat(a.get("contentType")).isEqualTo("application/pdf");
            assertThat(((Number) a.get("sizeBytes")).longValue()).isEqualTo(file.length);
            assertThat(a.get("sha256")).isEqualTo(sha256(file));
        });
    }

    @Test
    void acceptedMessageIsAnnouncedOnTheOutbox() {
        JsonPath accepted = receive(inbound("email", sender(uniqueEmail("outbox"), null, null, null, null), "hello"));
        @SuppressWarnings("unchecked")
        List<String> topics = entityManager.createNativeQuery(
                        "SELECT topic FROM outbox_event WHERE aggregate_id = ?1 ORDER BY occurred_at")
                .setParameter(1, UUID.fromString(accepted.getString("conversationId"))).getResultList();
        assertThat(topics).contains("conversation.created", "conversation.state_changed", "message.received");
    }

    @Test
    void theReceivedEventSaysWhetherTheMessageOpenedItsConversation() {
        var from = sender(uniqueEmail("opens"), null, null, null, null);
        String opened = receive(inbound("email", from, "hello")).getString("conversationId");
        String continued = receive(inbound("email", from, "hello again")).getString("conversationId");
        assertThat(continued).isEqualTo(opened);
        @SuppressWarnings("unchecked")
        List<String> opens = entityManager.createNativeQuery("""
                        SELECT payload->>'opensConversation' FROM outbox_event
                        WHERE aggregate_id = ?1 AND topic = 'message.received' ORDER BY occurred_at""")
                .setParameter(1, UUID.fromString(opened)).getResultList();
        assertThat(opens).containsExactly("true", "false");
    }

    private static String sha256(byte[] content) throws RuntimeException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
