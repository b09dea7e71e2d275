package io.continuum.delivery;

import io.continuum.channels.EmailServer;
import io.continuum.channels.GraphApiStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Retries with backoff, dead letters a supervisor can retry, and never a second send of a delivered reply. */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class OutboundDeliveryTest {

    private static GraphApiStub graph;

    @BeforeAll
    static void graphApi() {
        graph = GraphApiStub.start();
    }

    private static String whatsAppConversation() {
        String phone = "+1917555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
        return receive(inbound("whatsapp", sender(null, phone, null, null, null), "Hello, anyone there?")).getString("conversationId");
    }

    private static String reply(String conversationId, String content) {
        return as("agent").body(Map.of("content", content)).when()
                .post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201).extract().path("id");
    }

    /**
     * The reply's delivery, or null while it does not exist yet: it is created by a consumer of message.sent,
     * which follows the conversation's earlier events (first contact of the customer's message) in order;
     * the first reply of a run can wait behind a cold first contact (model load) of the same conversation.
     */
    private static JsonPath delivery(String messageId) {
        var response = as("agent").queryParam("messageId", messageId).when().get("/api/v1/deliveries");
        return response.statusCode() == 404 ? null : response.then().statusCode(200).extract().jsonPath();
    }

    private static long successfulSends(String marker) {
        return graph.requestsContaining(marker).stream().filter(r -> r.status() == 200).count();
    }

    @Test
    void transientFailuresAreRetriedWithBackoffAndTheReplyIsSentExactlyOnce() {
        String marker = "retry-" + UUID.randomUUID();
        graph.script(marker, 500, 503);
        String messageId = reply(whatsAppConversation(), "Your refund is on its way " + marker);

        JsonPath delivered = await().atMost(Duration.ofSeconds(60))
                .until(() -> delivery(messageId), d -> d != null && "sent".equals(d.getString("status")));
        assertThat(delivered.getInt("attempts")).isEqualTo(3);
        assertThat(delivered.getList("history.outcome", String.class)).containsExactly("transient", "transient", "sent");
        assertThat(delivered.getString("providerMessageId")).startsWith("wamid.stub-");
        // later ticks of the scheduler never send it again
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(successfulSends(marker)).isEqualTo(1);
        assertThat(graph.requestsContaining(marker)).hasSize(3);
    }

    @Test
    void exhaustedRetriesBecomeADeadLetterThatASupervisorRetries() {
        String marker = "dead-" + UUID.randomUUID();
        graph.script(marker, 500, 500, 500);
        String conversationId = whatsAppConversation();
        String messageId = reply(conversationId, "We could not reach you " + marker);

        JsonPath dead = await().atMost(Duration.ofSeconds(60))
                .until(() -> delivery(messageId), d -> d != null && "dead".equals(d.getString("status")));
        assertThat(dead.getInt("attempts")).isEqualTo(3);
        assertThat(dead.getString("lastError")).contains("500");
        String deliveryId = dead.getString("id");
        assertThat(as("supervisor").when().get("/api/v1/deliveries/dead-letters?limit=500").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class)).contains(deliveryId);
        as("agent").when().get("/api/v1/deliveries/dead-letters").then().statusCode(403);
        assertThat(io.continuum.support.Api.conversation(conversationId)
                .getString("timeline.find { it.id == '" + messageId + "' }.deliveryStatus")).isEqualTo("failed");

        as("supervisor").when().post("/api/v1/deliveries/{id}/retry", deliveryId).then().statusCode(202)
                .body("status", equalTo("pending"));
        JsonPath sent = await().atMost(Duration.ofSeconds(60))
                .until(() -> delivery(messageId), d -> d != null && "sent".equals(d.getString("status")));
        assertThat(sent.getInt("attempts")).isEqualTo(4);
        assertThat(successfulSends(marker)).isEqualTo(1);
        as("supervisor").when().post("/api/v1/deliveries/{id}/retry", deliveryId).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        String marker = "refused-" + UUID.randomUUID();
        graph.script(marker, 400);
        String messageId = reply(whatsAppConversation(), "This one is refused " + marker);

        JsonPath dead = await().atMost(Duration.ofSeconds(60))
                .until(() -> delivery(messageId), d -> d != null && "dead".equals(d.getString("status")));
        assertThat(dead.getInt("attempts")).isEqualTo(1);
        assertThat(graph.requestsContaining(marker)).hasSize(1);
    }
}
