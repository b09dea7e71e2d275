package io.continuum.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.audit.Actor;
import io.continuum.channels.EmailServer;
import io.continuum.connectors.meta.HubSignature;
import io.continuum.conversation.Attachment;
import io.continuum.conversation.AttachmentSealing;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.TriageOutcome;
import io.continuum.conversation.attachment.ObjectStore;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.support.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

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

/**
 * Where a customer's words land at rest, found by looking everywhere: every text, JSON, array, search-vector
 * and binary column of every table (so a table added later that keeps them in clear fails here) and every
 * file under the data directory. Each phrase carries a made-up word, so a copy of one word (a search vector,
 * a summary) is found too. Before erasure they are there only sealed; after it, not at all.
 */
@QuarkusTest
class ContentAtRestTest {

    private static final Path WHATSAPP_FIXTURES = Path.of("../../shared/fixtures/channels/whatsapp");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "continuum.data-dir")
    Path dataDir;
    @TestHTTPResource("/ws/chat")
    URI socketUri;
    @Inject
    Conversations conversations;
    @Inject
    Outbox outbox;
    @Inject
    AttachmentSealing sealing;
    @Inject
    ObjectStore objectStore;

    @Test
    void customersWordsAreStoredOnlySealedAndAreGoneAfterErasure() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "ines.valle." + unique + "@example.net";
        String waId = uniquePhoneDigits();
        String name = "Ines Valle " + unique;
        Map<String, String> words = new LinkedHashMap<>();
        for (String where : List.of("api", "whatsapp", "email", "chat", "file", "reply", "note", "reason")) {
            words.put(where, "zq" + unique + where + "q");
        }
        String apiText = "My transfer of $250.00 with reference " + words.get("api")
                + " failed but the money left my account, I was charged twice!";
        String fileText = "bank statement line " + words.get("file");

        JsonPath first = receive(withAttachment(inbound("email", sender(email, "+" + waId, null, name, null), apiText),
                fileText.getBytes(StandardCharsets.UTF_8)));
        String customer = first.getString("customerId");
        String conversationId = first.getString("conversationId");
        whatsApp(waId, "the app shows an error " + words.get("whatsapp") + " after paying");
        EmailServer.sendToSupport(mail(email, "Still waiting", "I wrote about the transfer " + words.get("email") + " yesterday"));
        String chatCustomer = webChat("is anyone there " + words.get("chat") + " please");

        await().atMost(Duration.ofSeconds(30)).until(() -> inboundContents(conversation(conversationId)).stream()
                .filter(text -> text.contains(words.get("whatsapp")) || text.contains(words.get("email"))).count() == 2);
        JsonPath triaged = await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId),
                view -> view.get("handoffBrief") != null);
        as("agent").body(Map.of("content", "we are checking " + words.get("reply"))).when()
                .post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201);
        as("agent").body(Map.of("content", "customer sounds upset " + words.get("note"))).when()
                .post("/api/v1/conversations/{id}/notes", conversationId).then().statusCode(201);
        String reason = "she confirmed the refund " + words.get("reason");
        as("agent").body(Map.of("to", "resolved", "reason", reason)).when()
                .post("/api/v1/conversations/{id}/transitions", conversationId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(conversationId).toString().contains(words.get("api")));

        String control = "zq" + unique + "controlq";
        as("supervisor").body(Map.of("title", "Control " + control, "body", "An article in clear: " + control))
                .when().post("/api/v1/kb/articles").then().statusCode(201);
        assertThat(hitsInDatabase(List.of(control))).as("the scan finds a word kept in clear, in a search vector too")
                .anyMatch(hit -> hit.contains("kb_article_version.body")).anyMatch(hit -> hit.contains("search_vector"));
        assertThat(hitsInDatabase(words.values())).as("the customer's words in clear in the database").isEmpty();
        assertThat(hitsInDataDirectory(words.values())).as("the customer's words in clear in the data directory").isEmpty();

        JsonPath view = conversation(conversationId);
        assertThat(view.getString("timeline.find { it.type == 'message' && it.direction == 'inbound' }.content")).isEqualTo(apiText);
        assertThat(triaged.getString("handoffBrief.summary")).contains(words.get("api"));
        assertThat(view.getList("timeline.findAll { it.type == 'state_change' }.reason", String.class)).contains(reason);
        assertThat(view.getMap("timeline.find { it.type == 'message' && it.direction == 'inbound' }.annotations")).isNotEmpty();
        String attachmentId = view.getString("timeline.find { it.type == 'message' }.attachments[0].id");
        byte[] file = as("agent").when().get("/api/v1/conversations/{id}/attachments/{a}", conversationId, attachmentId)
                .then().statusCode(200).extract().asByteArray();
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(fileText);
        assertThat(view.getList("timeline.findAll { it.type == 'message' }.attachments.flatten().fileName", String.class))
                .contains("original.eml");

        as("admin").when().delete("/api/v1/customers/{id}?reason=customer-request", customer).then().statusCode(200);
        as("admin").when().delete("/api/v1/customers/{id}?reason=customer-request", chatCustomer).then().statusCode(200);

        List<String> everything = new ArrayList<>(words.values());
        everything.addAll(List.of(email, name, waId));
        assertThat(hitsInDatabase(everything)).as("the customer in the database after erasure").isEmpty();
        assertThat(hitsInDataDirectory(everything)).as("the customer in the data directory after erasure").isEmpty();
        JsonPath shell = conversation(conversationId);
        assertThat(shell.getString("state")).isEqualTo("resolved");
        assertThat(shell.getList("timeline.findAll { it.type == 'message' }.content", String.class)).containsOnly("[erased]");
        as("agent").when().get("/api/v1/conversations/{id}/attachments/{a}", conversationId, attachmentId)
                .then().statusCode(404);
        JsonNode decisions = decisions(conversationId);
        assertThat(decisions).isNotEmpty().allSatisfy(decision -> {
            assertThat(decision.path("inputsErased").asBoolean()).isTrue();
            assertThat(decision.path("outputs").isObject()).isTrue();
        });
    }

    @Test
    void decisionsOfErasedCustomersAreNotReplayedBySimulations() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String customer = receive(inbound("email", sender("sim." + unique + "@example.net", null, null, null, null),
                "I was charged twice for order " + unique)).getString("customerId");
        String conversationId = as("agent").queryParam("customerId", customer).when().get("/api/v1/conversations")
                .then().statusCode(200).extract().jsonPath().getString("items[0].id");
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(conversationId).toString().contains("\"severity\""));
        as("admin").when().delete("/api/v1/customers/{id}?reason=customer-request", customer).then().statusCode(200);

        JsonPath simulation = as("analyst").body(Map.of("limit", 1_000_000)).when()
                .post("/api/v1/policies/severity/versions/1/simulate?wait=PT60S").then().statusCode(200).extract().jsonPath();
        assertThat(simulation.getInt("report.erased")).isPositive();
        assertThat(simulation.getInt("report.replayed") + simulation.getInt("report.erased"))
                .isEqualTo(simulation.getInt("processed"));
        assertThat(simulation.getList("report.examples.inputsErased", Boolean.class)).doesNotContain(true);
    }

    @Test
    void anAutomaticResolutionNamesWhatWasReadNotWhatTheCustomerWrote() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8) + "crashq";
        String conversationId = receive(inbound("email", sender(uniqueEmail("resolution"), null, null, null, null),
                "My transfer of $250.00 failed but the money left my account, I was charged twice! " + word))
                .getString("conversationId");
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId).get("handoffBrief") != null);
        // routing decides a defect needs engineering: the conversation carries the customer's words in its brief
        QuarkusTransaction.requiringNew().run(() -> {
            conversations.change(UUID.fromString(conversationId), (triaged, now) ->
                    triaged.triage(new TriageOutcome("bug_technical_defect", "P1", "technical", List.of(), "resolution", 2),
                            Actor.rule("routing", "test"), now));
            outbox.publish(Topics.MESSAGE_CLASSIFIED, UUID.fromString(conversationId), Map.of("conversationId", conversationId));
        });

        String resolutionId = await().atMost(Duration.ofSeconds(30))
                .until(() -> conversation(conversationId).getString("resolutionId"), id -> id != null);
        String title = as("engineer").when().get("/api/v1/resolutions/{id}", resolutionId).then().statusCode(200)
                .extract().jsonPath().getString("title");
        assertThat(title).contains("bug technical defect", conversationId).doesNotContain(word);
    }

    @Test
    void filesStoredBeforeSealingAreSealedAndStillReadAsTheyWere() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        JsonPath received = receive(inbound("email", sender("legacy." + unique + "@example.net", null, null, null, null),
                "see the attached invoice " + unique));
        String conversationId = received.getString("conversationId");
        byte[] plain = ("invoice " + unique + " written before sealing").getBytes(StandardCharsets.UTF_8);
        UUID attachmentId = UUID.randomUUID();
        String plainKey = QuarkusTransaction.requiringNew().call(() -> {
            Attachment legacy = new Attachment();
            legacy.id = attachmentId;
            legacy.messageId = UUID.fromString(received.getString("messageId"));
            legacy.fileName = "invoice.txt";
            legacy.contentType = "text/plain";
            legacy.sizeBytes = plain.length;
            legacy.sha256 = ObjectStore.sha256(plain);
            legacy.storageKey = objectStore.put(plain).key();
            legacy.createdAt = Instant.now();
            legacy.persist();
            return legacy.storageKey;
        });
        assertThat(download(conversationId, attachmentId)).as("a plain file reads as it is").isEqualTo(plain);

        assertThat(sealing.sealPlainFiles()).isPositive();

        Attachment sealed = QuarkusTransaction.requiringNew().call(() -> Attachment.findById(attachmentId));
        assertThat(sealed.sealed).isTrue();
        assertThat(sealed.storageKey).isNotEqualTo(plainKey);
        assertThat(objectStore.read(plainKey)).as("the plain file is deleted").isEmpty();
        byte[] onDisk = objectStore.read(sealed.storageKey).orElseThrow();
        assertThat(SealedFiles.isSealed(onDisk)).isTrue();
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain(unique);
        assertThat(download(conversationId, attachmentId)).isEqualTo(plain);
    }

    private static byte[] download(String conversationId, UUID attachmentId) {
        return as("agent").when().get("/api/v1/conversations/{id}/attachments/{a}", conversationId, attachmentId)
                .then().statusCode(200).extract().asByteArray();
    }

    private static Map<String, Object> withAttachment(Map<String, Object> message, byte[] content) {
        message.put("attachments", List.of(Map.of("fileName", "statement.txt", "contentType", "text/plain",
                "content", Base64.getEncoder().encodeToString(content))));
        return message;
    }

    private static List<String> inboundContents(JsonPath view) {
        return view.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class);
    }

    private static JsonNode decisions(String conversationId) throws Exception {
        return JSON.readTree(as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId)
                .then().statusCode(200).extract().asString());
    }

    private static void whatsApp(String waId, String text) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Files.readAllBytes(WHATSAPP_FIXTURES.resolve("cloud-api-inbound-text.json")));
        ObjectNode value = (ObjectNode) payload.path("entry").path(0).path("changes").path(0).path("value");
        ((ObjectNode) value.path("contacts").path(0)).put("wa_id", waId);
        ObjectNode message = (ObjectNode) value.path("messages").path(0);
        message.put("id", "wamid.at-rest-" + UUID.randomUUID());
        message.put("from", waId);
        ((ObjectNode) message.path("text")).put("body", text);
        byte[] body = JSON.writeValueAsBytes(payload);
        given().contentType("application/json").header("X-Hub-Signature-256", HubSignature.sign("test-app-secret", body))
                .body(body).when().post("/webhooks/whatsapp").then().statusCode(200);
    }

    private static MimeMessage mail(String from, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, EmailServer.SUPPORT);
        message.setSubject(subject);
        message.setText(text, "UTF-8");
        message.setHeader("Content-Transfer-Encoding", "8bit");
        return message;
    }

    /** @return the customer the visitor became */
    private String webChat(String text) throws Exception {
        try (ChatClient chat = new ChatClient(socketUri)) {
            chat.hello(ChatClient.newVisitorId(), null, null);
            JsonNode ack = chat.say(text, null);
            assertThat(ack.path("type").asText()).as("answer %s", ack).isEqualTo("ack");
            return conversation(ack.path("conversationId").asText()).getString("customerId");
        }
    }

    /** "schema.table.column: word" for every column of every table holding one of the words in clear. */
    private List<String> hitsInDatabase(Collection<String> words) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rows = db.createStatement().executeQuery("""
                    SELECT c.table_schema, c.table_name, c.column_name, c.data_type
                      FROM information_schema.columns c
                      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                     WHERE t.table_type = 'BASE TABLE'
                       AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                       AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea',
                                           'ARRAY', 'tsvector', 'xml', 'USER-DEFINED')""")) {
                while (rows.next()) {
                    columns.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
                }
            }
            assertThat(columns).as("columns to scan").hasSizeGreaterThan(50);
            for (String[] column : columns) {
                String name = "\"" + column[0] + "\".\"" + column[1] + "\"";
                String condition = "bytea".equals(column[3])
                        ? "position(convert_to(?, 'UTF8') in \"" + column[2] + "\") > 0"
                        : "strpos(lower(\"" + column[2] + "\"::text), lower(?)) > 0";
                for (String word : words) {
                    try (PreparedStatement query = db.prepareStatement("SELECT count(*) FROM " + name + " WHERE " + condition)) {
                        query.setString(1, word);
                        try (ResultSet count = query.executeQuery()) {
                            count.next();
                            if (count.getLong(1) > 0) {
                                hits.add(column[0] + "." + column[1] + "." + column[2] + ": " + word);
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** "file: word" for every file under the data directory holding one of the words in clear. */
    private List<String> hitsInDataDirectory(Collection<String> words) throws Exception {
        Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(path, Files.readAllBytes(path));
            }
        }
        assertThat(files).as("files in the data directory").isNotEmpty();
        List<String> hits = new ArrayList<>();
        files.forEach((path, content) -> {
            String text = new String(content, StandardCharsets.ISO_8859_1);
            for (String word : words) {
                if (text.contains(word)) {
                    hits.add(path + ": " + word);
                }
            }
        });
        return hits;
    }
}
