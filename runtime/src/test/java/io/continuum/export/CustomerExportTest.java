package io.continuum.export;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.stream.IntStream;
import java.util.zip.ZipInputStream;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class CustomerExportTest {

    @Inject
    EntityManager entityManager;

    @Test
    void theExportHoldsExactlyTheCustomersMessagesFilesAndConsentsAndNothingOfAnotherCustomer() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "export." + unique + "@example.com";
        String phone = "+1617555" + String.format("%04d", Math.abs(unique.hashCode() % 10_000));
        List<String> wrote = List.of("my router " + unique + " blinks red", "still blinking " + unique,
                "sent from my phone " + unique);
        byte[] photo = ("photo of the router " + unique).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> first = inbound("email", sender(email, phone, null, "Export Person", null), wrote.get(0));
        first.put("attachments", List.of(Map.of("fileName", "../router photo.txt", "contentType", "text/plain",
                "content", Base64.getEncoder().encodeToString(photo))));
        JsonPath received = receive(first);
        String customer = received.getString("customerId");
        String conversation = received.getString("conversationId");
        receive(inbound("email", sender(email, null, null, null, null), wrote.get(1)));
        receive(inbound("whatsapp", sender(null, phone, null, null, null), wrote.get(2)));
        String reply = "a technician is on the way " + unique;
        as("agent").body(Map.of("content", reply)).when().post("/api/v1/conversations/{id}/messages", conversation)
                .then().statusCode(201);
        String note = "internal: suspect firmware " + unique;
        as("agent").body(Map.of("content", note)).when().post("/api/v1/conversations/{id}/notes", conversation)
                .then().statusCode(201);
        String consentText = "May we send you news about our products? " + unique;
        as("agent").body(Map.of("purpose", "marketing", "granted", true, "source", "agent-on-call", "textShown", consentText))
                .when().post("/api/v1/customers/{id}/consents", customer).then().statusCode(201);
        String othersEmail = "other." + unique + "@example.com";
        String othersPhrase = "someone else's invoice " + unique;
        Map<String, Object> others = inbound("email", sender(othersEmail, null, null, null, null), othersPhrase);
        others.put("attachments", List.of(Map.of("fileName", "invoice.txt", "contentType", "text/plain",
                "content", Base64.getEncoder().encodeToString(othersPhrase.getBytes(StandardCharsets.UTF_8)))));
        receive(others);
        await().atMost(Duration.ofSeconds(30)).until(() -> !as("supervisor").when()
                .get("/api/v1/conversations/{id}/decisions", conversation).then().statusCode(200).extract()
                .jsonPath().getList("$").isEmpty());

        as("agent").when().get("/api/v1/customers/{id}/export", customer).then().statusCode(403);
        as("supervisor").when().get("/api/v1/customers/{id}/export", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response response = as("supervisor").when().get("/api/v1/customers/{id}/export", customer);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("application/zip");
            assertThat(response.header("Content-Disposition")).contains("customer-" + customer + ".zip");
            Map<String, byte[]> archive = unzip(response.asByteArray());
            JsonPath profile = json(archive, "customer.json");
            JsonPath conversations = json(archive, "conversations.json");
            JsonPath audit = json(archive, "audit.json");
            JsonPath timeline = conversation(conversation);

            assertThat(profile.getString("customer.id")).isEqualTo(customer);
            assertThat(profile.getList("identifiers.value", String.class)).contains(email, phone);
            assertThat(profile.getString("consents.current.find { it.purpose == 'marketing' }.status")).isEqualTo("granted");
            assertThat(profile.getList("consents.history.textShown", String.class)).containsExactly(consentText);
            assertThat(conversations.getList("conversation.id", String.class)).containsExactly(conversation);
            List<String> exported = conversations.getList("[0].messages.content", String.class);
            List<String> shown = timeline.getList("timeline.findAll { it.type == 'message' }.content", String.class);
            assertThat(exported).as("every message, in order, and nothing else").containsExactlyElementsOf(shown);
            assertThat(conversations.getList("[0].messages.findAll { it.direction == 'inbound' }.content", String.class))
                    .containsExactlyElementsOf(wrote);
            assertThat(conversations.getList("[0].messages.id", String.class))
                    .containsExactlyElementsOf(timeline.getList("timeline.findAll { it.type == 'message' }.id", String.class));
            assertThat(exported).contains(reply);
            assertThat(conversations.getList("[0].decisions")).isNotEmpty();
            assertThat(conversations.getList("[0].decisions.explanation", String.class)).allSatisfy(explanation ->
                    assertThat(explanation).contains("decided"));
            assertThat(audit.getList("findAll { it.entityId == '" + customer + "' }.action", String.class))
                    .contains("created", "exported", "consent-granted");

            List<String> paths = conversations.getList("[0].messages.attachments.flatten().path", String.class);
            assertThat(paths).hasSize(1);
            assertThat(paths.get(0)).startsWith("attachments/").endsWith("/__router_photo.txt").doesNotContain("/../");
            assertThat(archive.get(paths.get(0))).isEqualTo(photo);
            assertThat(archive.keySet().stream().filter(name -> name.startsWith("attachments/"))).containsExactly(paths.get(0));

            archive.forEach((name, bytes) -> assertThat(new String(bytes, StandardCharsets.UTF_8)).as(name)
                    .doesNotContain(othersEmail, othersPhrase, note));
        });
    }

    @Test
    void aTimelineLongerThanSeveralPagesIsExportedWholeAndInOrder() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        JsonPath received = receive(inbound("email", sender("long." + unique + "@example.com", null, null, null, null),
                "first " + unique));
        String conversation = received.getString("conversationId");
        int more = 2 * CustomerExport.PAGE + 7;
        // stored as text written before encryption was introduced, which reads as it is
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO message (id, conversation_id, channel, external_id, direction, content, received_at, created_at)
                        SELECT gen_random_uuid(), ?1, 'email', ?2 || g, 'inbound', ?2 || g,
                               now() + g * interval '1 millisecond', now() + interval '1 minute' + g * interval '1 millisecond'
                          FROM generate_series(1, ?3) AS g""")
                .setParameter(1, UUID.fromString(conversation)).setParameter(2, "long-" + unique + "-")
                .setParameter(3, more).executeUpdate());

        Response response = as("admin").when().get("/api/v1/customers/{id}/export", received.getString("customerId"));
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> exported = json(unzip(response.asByteArray()), "conversations.json")
                .getList("[0].messages.content", String.class);

        assertThat(exported).hasSize(more + 1);
        assertThat(exported.get(0)).isEqualTo("first " + unique);
        assertThat(exported.subList(1, exported.size())).containsExactlyElementsOf(
                IntStream.rangeClosed(1, more).mapToObj(n -> "long-" + unique + "-" + n).toList());
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static JsonPath json(Map<String, byte[]> archive, String name) {
        assertThat(archive).containsKey(name);
        return JsonPath.from(new String(archive.get(name), StandardCharsets.UTF_8));
    }
}
