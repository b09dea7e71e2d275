package io.continuum.channels.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import io.continuum.support.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.customer;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web chat identity takeover, replayed: a stranger types a customer's e-mail address into the
 * widget. A typed address is a claim: it joins, merges and reveals nothing, and receives no e-mail.
 * Only an address the host site signed joins the customer who owns it.
 */
@QuarkusTest
class WebChatIdentityTest {

    @TestHTTPResource("/ws/chat")
    URI socketUri;

    private final class Chat implements AutoCloseable {
        private final ChatClient client = new ChatClient(socketUri);

        JsonNode hello(String visitorId, String email, String userHash) throws Exception {
            return client.hello(visitorId, email, userHash);
        }

        JsonNode say(String content, String email) throws Exception {
            JsonNode answer = client.say(content, email);
            assertThat(answer.path("type").asText()).as("answer %s", answer).isEqualTo("ack");
            return answer;
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static String visitorId() {
        return ChatClient.newVisitorId();
    }

    /** A customer who wrote by e-mail: their address is verified by the channel. */
    private static JsonPath victimWritesByEmail(String email, String secret) {
        return receive(inbound("email", sender(email, null, null, "Victoria Victim", null), secret));
    }

    @Test
    void aTypedEmailNeitherJoinsNorMergesNorRevealsTheCustomerWhoOwnsIt() throws Exception {
        String victimEmail = uniqueEmail("victim");
        String secret = "My new card number ends in 4242 " + UUID.randomUUID();
        JsonPath victim = victimWritesByEmail(victimEmail, secret);
        String victimId = victim.getString("customerId");
        String attacker = visitorId();

        String attackersConversation;
        try (Chat chat = new Chat()) {
            JsonNode welcome = chat.hello(attacker, victimEmail, null);
            assertThat(welcome.path("history")).isEmpty();
            assertThat(welcome.path("conversationId").isNull()).isTrue();
            JsonNode ack = chat.say("Hi, it's me, what did I tell you last time?", victimEmail);
            attackersConversation = ack.path("conversationId").asText();
        }

        JsonPath conversation = conversation(attackersConversation);
        assertThat(attackersConversation).as("not attached to the victim's conversation")
                .isNotEqualTo(victim.getString("conversationId"));
        String attackerId = conversation.getString("customerId");
        assertThat(attackerId).as("stays on the device's own customer").isNotEqualTo(victimId);
        JsonPath victimNow = customer(victimId);
        assertThat(victimNow.getList("merges")).as("no merge").isEmpty();
        assertThat(victimNow.getString("mergedInto")).isNull();
        assertThat(victimNow.getList("identifiers.findAll { it.kind == 'device' }")).isEmpty();

        JsonPath attackerNow = customer(attackerId);
        assertThat(attackerNow.getString("mergedInto")).isNull();
        assertThat(attackerNow.getList("identifiers.findAll { it.kind == 'email' }.verified", Boolean.class))
                .containsExactly(false);
        assertThat(attackerNow.getString("claims[0].knownCustomerId")).isEqualTo(victimId);
        assertThat(attackerNow.getString("claims[0].note"))
                .isEqualTo("says they are Victoria Victim (" + victimEmail + ") — unverified");

        // reconnecting from the same device shows only what the device wrote
        try (Chat again = new Chat()) {
            JsonNode welcome = again.hello(attacker, victimEmail, null);
            assertThat(welcome.path("conversationId").asText()).isEqualTo(attackersConversation);
            assertThat(welcome.path("history").toString()).doesNotContain(secret).contains("what did I tell you");
        }

        // the customer search by e-mail finds only the owner
        assertThat(as("agent").queryParam("email", victimEmail).when().get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class)).containsExactly(victimId);
    }

    @Test
    void aReplyToAClaimedAddressIsNotSentByEmail() throws Exception {
        String victimEmail = uniqueEmail("victim");
        victimWritesByEmail(victimEmail, "Where is my order?");
        String conversationId;
        try (Chat chat = new Chat()) {
            chat.hello(visitorId(), victimEmail, null);
            conversationId = chat.say("Please send the answer to my e-mail", victimEmail).path("conversationId").asText();
        }
        String replyId = as("agent").body(Map.of("content", "Here is everything about the order"))
                .when().post("/api/v1/conversations/{id}/messages", conversationId)
                .then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath delivery = as("agent").queryParam("messageId", replyId).when().get("/api/v1/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(delivery.getString("status")).as("waits until the address's owner confirms it")
                    .isEqualTo("awaiting_confirmation");
            assertThat(delivery.getString("channel")).isEqualTo("web_chat");
        });
    }

    @Test
    void twoTypedEmailsDoNotMergeTwoCustomers() throws Exception {
        String alice = uniqueEmail("alice");
        String bob = uniqueEmail("bob");
        String aliceId = victimWritesByEmail(alice, "Hello from Alice").getString("customerId");
        String bobId = victimWritesByEmail(bob, "Hello from Bob").getString("customerId");
        try (Chat chat = new Chat()) {
            chat.hello(visitorId(), alice, null);
            chat.say("I am Alice", alice);
            chat.say("No wait, I am Bob", bob);
        }
        assertThat(customer(aliceId).getList("merges")).isEmpty();
        assertThat(customer(bobId).getList("merges")).isEmpty();
    }

    @Test
    void anAddressTheHostSiteSignedJoinsTheCustomerWhoOwnsIt() throws Exception {
        String email = uniqueEmail("signed-in");
        JsonPath known = victimWritesByEmail(email, "Question about my subscription");
        String userHash = HexFormat.of().formatHex(HostSiteIdentity.hmac("test-site-secret-of-at-least-32-bytes", email));
        String device = visitorId();
        try (Chat chat = new Chat()) {
            chat.hello(device, email, userHash);
            String conversationId = chat.say("Following up from the website", email).path("conversationId").asText();
            assertThat(conversation(conversationId).getString("customerId")).isEqualTo(known.getString("customerId"));
        }
        assertThat(customer(known.getString("customerId")).getList("identifiers.findAll { it.kind == 'device' }.value",
                String.class)).contains(device);
    }

    @Test
    void aForgedSignatureIsOnlyAClaim() throws Exception {
        String email = uniqueEmail("signed-in");
        JsonPath known = victimWritesByEmail(email, "Question about my invoice");
        String forged = HexFormat.of().formatHex(HostSiteIdentity.hmac("guessed-secret", email));
        try (Chat chat = new Chat()) {
            chat.hello(visitorId(), email, forged);
            String conversationId = chat.say("Following up", email).path("conversationId").asText();
            assertThat(conversation(conversationId).getString("customerId")).isNotEqualTo(known.getString("customerId"));
        }
    }

    @Test
    void anAddressInATokenTheHostSiteSignedJoinsTheCustomerWhoOwnsIt() throws Exception {
        String email = uniqueEmail("token");
        JsonPath known = victimWritesByEmail(email, "Question about my plan");
        long now = java.time.Instant.now().getEpochSecond();
        String userJwt = HostSiteTokenTest.continuumUserJwt("test-site-secret-of-at-least-32-bytes",
                Map.of("sub", "site-user-" + UUID.randomUUID(), "email", email, "iat", now, "exp", now + 600));
        try (Chat chat = new Chat()) {
            chat.client.helloWithToken(visitorId(), userJwt);
            String conversationId = chat.say("Following up from my account page", email).path("conversationId").asText();
            assertThat(conversation(conversationId).getString("customerId")).isEqualTo(known.getString("customerId"));
        }
    }

    @Test
    void anUnsignedTokenIsOnlyAClaimAndTheChatStillWorks() throws Exception {
        String email = uniqueEmail("token");
        JsonPath known = victimWritesByEmail(email, "Question about my refund");
        long now = java.time.Instant.now().getEpochSecond();
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
                Map.of("sub", "1", "email", email, "exp", now + 600))) + ".";
        try (Chat chat = new Chat()) {
            chat.client.helloWithToken(visitorId(), unsigned);
            String conversationId = chat.say("Following up", email).path("conversationId").asText();
            assertThat(conversation(conversationId).getString("customerId")).isNotEqualTo(known.getString("customerId"));
        }
    }

    @Test
    void anAgentWhoCheckedTheClaimJoinsTheVisitorToTheCustomer() throws Exception {
        String email = uniqueEmail("checked");
        String knownId = victimWritesByEmail(email, "My router keeps rebooting").getString("customerId");
        String visitorsCustomer;
        try (Chat chat = new Chat()) {
            chat.hello(visitorId(), email, null);
            visitorsCustomer = conversation(chat.say("It is still rebooting", email).path("conversationId").asText())
                    .getString("customerId");
        }
        as("agent").body(Map.of("kind", "email", "value", email))
                .when().post("/api/v1/customers/{id}/claims/confirm", visitorsCustomer)
                .then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(knownId));
        assertThat(customer(visitorsCustomer).getString("mergedInto")).isEqualTo(knownId);
        List<String> reasons = customer(knownId).getList("merges.reason", String.class);
        assertThat(reasons).singleElement().asString().contains("agent confirmed");
    }
}
