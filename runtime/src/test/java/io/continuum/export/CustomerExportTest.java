package io.continuum.export;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class CustomerExportTest {

    @Test
    void theExportHoldsExactlyTheCustomersMessagesAndNothingOfAnotherCustomer() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "export." + unique + "@example.com";
        String phone = "+1617555" + String.format("%04d", Math.abs(unique.hashCode() % 10_000));
        List<String> wrote = List.of("my router " + unique + " blinks red", "still blinking " + unique,
                "sent from my phone " + unique);
        JsonPath first = receive(inbound("email", sender(email, phone, null, "Export Person", null), wrote.get(0)));
        String customer = first.getString("customerId");
        String conversation = first.getString("conversationId");
        receive(inbound("email", sender(email, null, null, null, null), wrote.get(1)));
        receive(inbound("whatsapp", sender(null, phone, null, null, null), wrote.get(2)));
        String reply = "a technician is on the way " + unique;
        as("agent").body(Map.of("content", reply)).when().post("/api/v1/conversations/{id}/messages", conversation)
                .then().statusCode(201);
        String note = "internal: suspect firmware " + unique;
        as("agent").body(Map.of("content", note)).when().post("/api/v1/conversations/{id}/notes", conversation)
                .then().statusCode(201);
        String othersEmail = "other." + unique + "@example.com";
        String othersPhrase = "someone else's invoice " + unique;
        receive(inbound("email", sender(othersEmail, null, null, null, null), othersPhrase));
        await().atMost(Duration.ofSeconds(30)).until(() -> !as("supervisor").when()
                .get("/api/v1/conversations/{id}/decisions", conversation).then().statusCode(200).extract()
                .jsonPath().getList("$").isEmpty());

        as("agent").when().get("/api/v1/customers/{id}/export", customer).then().statusCode(403);
        as("supervisor").when().get("/api/v1/customers/{id}/export", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response response = as("supervisor").when().get("/api/v1/customers/{id}/export", customer);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("Content-Disposition")).contains("customer-" + customer + ".json");
            JsonPath export = response.jsonPath();
            JsonPath timeline = conversation(conversation);

            assertThat(export.getString("customer.id")).isEqualTo(customer);
            assertThat(export.getList("identifiers.value", String.class)).contains(email, phone);
            assertThat(export.getList("conversations.conversation.id", String.class)).containsExactly(conversation);
            assertThat(export.getList("conversations[0].messages.findAll { it.direction == 'inbound' }.content", String.class))
                    .containsExactlyElementsOf(wrote);
            assertThat(export.getList("conversations[0].messages.id", String.class))
                    .containsExactlyElementsOf(timeline.getList("timeline.findAll { it.type == 'message' }.id", String.class));
            assertThat(export.getList("conversations[0].messages.content", String.class)).contains(reply);
            assertThat(export.getList("conversations[0].decisions")).isNotEmpty();
            assertThat(export.getList("audit.findAll { it.entityId == '" + customer + "' }.action", String.class))
                    .contains("created", "exported");
            assertThat(response.asString()).doesNotContain(othersEmail, othersPhrase, note);
        });
    }
}
