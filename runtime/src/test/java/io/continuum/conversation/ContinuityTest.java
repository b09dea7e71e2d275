package io.continuum.conversation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.uniquePhoneDigits;
import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One customer, one timeline: conversations continue across channels and reopen instead of multiplying. */
@QuarkusTest
class ContinuityTest {

    @Inject
    EntityManager entityManager;

    @Test
    void liveChatThatTimesOutContinuesByEmailUnderTheSameConversation() {
        String email = uniqueEmail("chat");
        String device = "device-" + UUID.randomUUID();
        JsonPath chat = receive(inbound("web_chat", sender(email, null, null, "Chatty", device), "Can you help with my order?"));
        as("agent").body(Map.of("content", "Let me check that for you")).when()
                .post("/api/v1/conversations/{id}/messages", chat.getString("conversationId")).then().statusCode(201);
        // the visitor closed the tab; the answer of the customer comes by e-mail hours later
        JsonPath mail = receive(inbound("email", sender(email, null, null, null, null), "Sorry, I had to leave. Order 1234."));

        assertThat(mail.getString("conversationId")).isEqualTo(chat.getString("conversationId"));
        JsonPath timeline = conversation(chat.getString("conversationId"));
        assertThat(timeline.getList("channelsUsed", String.class)).containsExactly("web_chat", "email");
        assertThat(timeline.getString("currentChannel")).isEqualTo("email");
        assertThat(timeline.getString("state")).isEqualTo("awaiting_agent");
        assertThat(timeline.getList("timeline.findAll { it.type == 'message' && !it.author?.startsWith('ai:') }.direction", String.class))
                .containsExactly("inbound", "outbound", "inbound");
    }

    @Test
    void emailReplyLandsInTheConversationOfTheMessageItAnswers() {
        String email = uniqueEmail("thread");
        String firstMessageId = "<" + UUID.randomUUID() + "@mail.example.com>";
        JsonPath first = receive(inbound("email", firstMessageId, sender(email, null, null, null, null), "First issue", null));
        as("supervisor").body(Map.of("to", "resolved", "reason", "answered")).when()
                .post("/api/v1/conversations/{id}/transitions", first.getString("conversationId")).then().statusCode(200);
        JsonPath reply = receive(inbound("email", "<" + UUID.randomUUID() + "@mail.example.com>",
                sender(email, null, null, null, null), "Re: First issue - still broken", firstMessageId));
        assertThat(reply.getString("conversationId")).isEqualTo(first.getString("conversationId"));
        assertThat(conversation(first.getString("conversationId")).getString("state")).isEqualTo("reopened");
    }

    @Test
    void knownPhoneNumberLandsInTheOpenConversationFromAnotherChannel() {
        String phone = "+" + uniquePhoneDigits();
        JsonPath sms = receive(inbound("sms", sender(null, phone, null, null, null), "My card was declined"));
        JsonPath whatsapp = receive(inbound("whatsapp", sender(null, phone.substring(1), null, null, null), "Still declined"));
        assertThat(whatsapp.getString("conversationId")).isEqualTo(sms.getString("conversationId"));
    }

    @Test
    void messageAfterTheReopenWindowStartsANewConversationLinkedToThePreviousOne() {
        String email = uniqueEmail("window");
        JsonPath old = receive(inbound("email", sender(email, null, null, null, null), "Old question"));
        String oldId = old.getString("conversationId");
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(oldId).getString("intent") != null);
        as("agent").body(Map.of("to", "resolved")).when().post("/api/v1/conversations/{id}/transitions", oldId)
                .then().statusCode(200);
        // first contact, routing and SLA clocks react to these events and save the conversation: let them finish
        // first, or one of them writes back the resolved_at it read before the update below
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE aggregate_id = ?1 AND published_at IS NULL")
                .setParameter(1, UUID.fromString(oldId)).getSingleResult()).intValue() == 0));
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE conversation SET resolved_at = now() - interval '8 days' WHERE id = ?1")
                .setParameter(1, UUID.fromString(oldId)).executeUpdate());

        JsonPath fresh = receive(inbound("email", sender(email, null, null, null, null), "New question"));

        assertThat(fresh.getString("conversationId")).isNotEqualTo(oldId);
        JsonPath created = conversation(fresh.getString("conversationId"));
        assertThat(created.getString("previousConversationId")).isEqualTo(oldId);
        assertThat(created.getString("state")).isEqualTo("awaiting_agent");
        assertThat(conversation(oldId).getString("state")).isEqualTo("resolved");
    }

    @Test
    void messageWithinTheReopenWindowReopensTheResolvedConversation() {
        String email = uniqueEmail("reopen");
        String id = receive(inbound("email", sender(email, null, null, null, null), "Question")).getString("conversationId");
        as("agent").body(Map.of("to", "resolved")).when().post("/api/v1/conversations/{id}/transitions", id)
                .then().statusCode(200);
        String again = receive(inbound("email", sender(email, null, null, null, null), "One more thing")).getString("conversationId");
        assertThat(again).isEqualTo(id);
        JsonPath reopened = conversation(id);
        assertThat(reopened.getString("state")).isEqualTo("reopened");
        assertThat(reopened.getList("timeline.findAll { it.type == 'state_change' && !it.author.startsWith('ai:') }.to", String.class))
                .containsExactly("open", "awaiting_agent", "resolved", "reopened");
    }
}
