package io.continuum.erasure;

import io.continuum.conversation.Attachment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Erasure proven on the database itself: a dump of the whole test database holds the customer's words
 * only as ciphertext before, and neither their identifiers nor their words after.
 */
@QuarkusTest
class CustomerErasureTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "continuum.data-dir")
    Path dataDir;

    @Test
    void anErasedCustomerLeavesNothingReadableInTheDatabaseAndTheirConversationsStayAsShells() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "lucia.moreno." + unique + "@example.net";
        String phone = "+3491" + digits(unique, 7);
        String device = "device-" + unique;
        String name = "Lucía Moreno " + unique;
        String emailPhrase = "the espresso machine " + unique + " leaks from the boiler";
        String whatsappPhrase = "photos of the puddle " + unique + " under the counter";
        String chatPhrase = "anonymous question about descaling " + unique;
        String notePhrase = "promised a goodwill voucher " + unique;
        String replyPhrase = "we will send a courier " + unique;
        byte[] file = ("receipt of " + unique).getBytes(StandardCharsets.UTF_8);

        String chatCustomer = receive(inbound("web_chat", sender(null, null, null, null, device), chatPhrase))
                .getString("customerId");
        JsonPath first = receive(withAttachment(inbound("email", sender(email, phone, null, name, null), emailPhrase), file));
        String customer = first.getString("customerId");
        String conversation = first.getString("conversationId");
        receive(inbound("whatsapp", sender(null, phone, null, name, null), whatsappPhrase));
        receive(inbound("web_chat", sender(email, null, null, name, device), "me again " + unique));
        assertThat(io.continuum.support.Api.customer(chatCustomer).getString("mergedInto")).isEqualTo(customer);
        as("agent").body(Map.of("content", replyPhrase)).when().post("/api/v1/conversations/{id}/messages", conversation)
                .then().statusCode(201);
        as("agent").body(Map.of("content", notePhrase)).when().post("/api/v1/conversations/{id}/notes", conversation)
                .then().statusCode(201);
        String otherPhrase = "another customer's order " + unique + " is late";
        String other = receive(inbound("email", sender("someone.else." + unique + "@example.net", null, null, null, null),
                otherPhrase)).getString("conversationId");
        await().atMost(Duration.ofSeconds(30)).until(() -> !as("supervisor").when()
                .get("/api/v1/conversations/{id}/decisions", conversation).then().statusCode(200).extract()
                .jsonPath().getList("$").isEmpty());
        String storageKey = QuarkusTransaction.requiringNew().call(() -> Attachment.<Attachment>find("sha256", sha256(file))
                .<Attachment>firstResult().storageKey);
        Path attachment = dataDir.resolve("attachments").resolve(storageKey.substring(0, 2)).resolve(storageKey);
        assertThat(new String(Files.readAllBytes(attachment), StandardCharsets.ISO_8859_1)).doesNotContain("receipt of " + unique);

        String before = dump();
        assertThat(String.join("\n", section(before, "message"), section(before, "conversation_note")))
                .contains("enc:1:").doesNotContain(emailPhrase, whatsappPhrase, chatPhrase, notePhrase, replyPhrase);
        for (String identifying : List.of(email, phone, phone.substring(1), device, name)) {
            assertThat(before).as("the dump before erasure mentions %s", identifying).doesNotContain(identifying);
        }

        as("agent").when().delete("/api/v1/customers/{id}?reason=customer-request", customer).then().statusCode(403);
        as("supervisor").when().delete("/api/v1/customers/{id}", customer).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        JsonPath erasure = as("supervisor").when().delete("/api/v1/customers/{id}?reason=customer-request", customer)
                .then().statusCode(200).extract().jsonPath();
        assertThat(erasure.getList("erasedCustomerIds", String.class)).containsExactlyInAnyOrder(customer, chatCustomer);
        assertThat(erasure.getBoolean("alreadyErased")).isFalse();
        as("admin").when().delete("/api/v1/customers/{id}?reason=customer-request", chatCustomer)
                .then().statusCode(200).body("alreadyErased", equalTo(true));

        String after = dump();
        for (String personal : List.of(email, phone, phone.substring(1), device, name, emailPhrase, whatsappPhrase,
                chatPhrase, notePhrase, replyPhrase, "receipt of " + unique)) {
            assertThat(after).as("the dump after erasure mentions %s", personal).doesNotContain(personal);
        }
        assertThat(attachment).doesNotExist();

        JsonPath shell = conversation(conversation);
        assertThat(shell.getString("customerId")).isEqualTo(customer);
        assertThat(shell.getString("state")).isNotBlank();
        assertThat(shell.getList("timeline.findAll { it.type == 'message' }.content", String.class))
                .isNotEmpty().containsOnly("[erased]");
        assertThat(conversation(other).getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content",
                String.class)).containsExactly(otherPhrase);
        JsonPath audit = as("supervisor").queryParam("entityId", customer).queryParam("limit", 200)
                .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.findAll { it.action == 'erased' }", Map.class)).hasSize(1);
        assertThat(audit.prettify()).doesNotContain(email, name);

        String again = receive(inbound("email", sender(email, null, null, null, null), "hello again")).getString("customerId");
        assertThat(again).isNotEqualTo(customer).isNotEqualTo(chatCustomer);
        as("agent").body(Map.of("content", "too late")).when().post("/api/v1/conversations/{id}/messages", conversation)
                .then().statusCode(409).body("type", equalTo("https://continuum.io/problems/customer-erased"));
    }

    @Test
    void erasingAnUnknownCustomerIsNotFound() {
        as("supervisor").when().delete("/api/v1/customers/{id}?reason=legal-obligation", UUID.randomUUID())
                .then().statusCode(404);
    }

    private static Map<String, Object> withAttachment(Map<String, Object> message, byte[] content) {
        message.put("attachments", List.of(Map.of("fileName", "receipt.txt", "contentType", "text/plain",
                "content", Base64.getEncoder().encodeToString(content))));
        return message;
    }

    /** The whole test database as {@code pg_dump} writes it. */
    private String dump() throws IOException, InterruptedException {
        Matcher database = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(jdbcUrl);
        assertThat(database.find()).isTrue();
        Path out = Files.createTempFile("erasure", ".sql");
        Process dump = new ProcessBuilder("pg_dump", "-h", database.group(1), "-p", database.group(2), "-U", "postgres",
                "-f", out.toString(), database.group(3)).redirectErrorStream(true).start();
        String errors = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor()).as(errors).isZero();
        try {
            return Files.readString(out);
        } finally {
            Files.delete(out);
        }
    }

    /** The rows of one table in a dump. */
    private static String section(String dump, String table) {
        int start = dump.indexOf("COPY public." + table + " ");
        assertThat(start).as("table %s in the dump", table).isNotNegative();
        return dump.substring(start, dump.indexOf("\n\\.\n", start));
    }

    private static String digits(String seed, int count) {
        List<String> digits = new ArrayList<>();
        for (char c : seed.toCharArray()) {
            digits.add(String.valueOf(Character.digit(c, 16) % 10));
        }
        return String.join("", digits).repeat(2).substring(0, count);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
