package io.continuum.confirmation;

import io.continuum.channels.EmailServer;
import io.continuum.support.ChatClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.customer;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Magic-link confirmation of an address a visitor typed into the web chat: replies to it wait until the
 * mailbox's owner opens the link; then they go out by e-mail, once. A link works once, only until it
 * expires, only for the address it was sent to, and says nothing about whom it belongs to.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailConfirmationTest {

    private static final Pattern LINK = Pattern.compile("/confirm-email\\?token=([A-Za-z0-9_-]{43})");

    @TestHTTPResource("/ws/chat")
    URI socketUri;

    /** A visitor types their address into the chat, writes, and leaves; returns the conversation. */
    private String visitorWritesAndLeaves(String email) throws Exception {
        try (ChatClient chat = new ChatClient(socketUri)) {
            chat.hello(ChatClient.newVisitorId(), email, null);
            return chat.say("Please answer me by e-mail", email).path("conversationId").asText();
        }
    }

    private static String agentReplies(String conversationId, String content) {
        return as("agent").body(Map.of("content", content))
                .when().post("/api/v1/conversations/{id}/messages", conversationId)
                .then().statusCode(201).extract().path("id");
    }

    private static JsonPath delivery(String messageId) {
        return as("agent").queryParam("messageId", messageId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String text(MimeMessage mail) {
        try {
            return mail.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tokensMailedTo(String address) {
        return EmailServer.receivedBy(address).stream().map(EmailConfirmationTest::text)
                .map(LINK::matcher).filter(Matcher::find).map(matcher -> matcher.group(1)).toList();
    }

    private static String theOnlyToken(String address) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !tokensMailedTo(address).isEmpty());
        List<String> tokens = tokensMailedTo(address);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    private static long mailsContaining(String address, String content) {
        return EmailServer.receivedBy(address).stream().filter(mail -> text(mail).contains(content)).count();
    }

    private static Response open(String token) {
        return RestAssured.given().queryParam("token", token).when().get("/confirm-email");
    }

    private static Response confirm(String token) {
        return RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("token", token)
                .when().post("/confirm-email");
    }

    private static List<Boolean> emailVerifiedFlags(String customerId, String email) {
        return customer(customerId).getList("identifiers.findAll { it.kind == 'email' && it.value == '" + email + "' }.verified",
                Boolean.class);
    }

    @Test
    @Order(1)
    void repliesHeldForAClaimedAddressGoOutOnceAfterItsOwnerConfirms() throws Exception {
        String email = uniqueEmail("claimed");
        String conversationId = visitorWritesAndLeaves(email);
        String firstText = "First answer " + UUID.randomUUID();
        String secondText = "Second answer " + UUID.randomUUID();
        String first = agentReplies(conversationId, firstText);
        String second = agentReplies(conversationId, secondText);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(delivery(first).getString("status")).isEqualTo("awaiting_confirmation");
            assertThat(delivery(second).getString("status")).isEqualTo("awaiting_confirmation");
        });
        String token = theOnlyToken(email);
        assertThat(mailsContaining(email, firstText) + mailsContaining(email, secondText))
                .as("nothing but the link before the confirmation").isZero();

        open(token).then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .body(containsString("Confirm my address"))
                .body(not(containsString(email)));
        assertThat(emailVerifiedFlags(conversation(conversationId).getString("customerId"), email))
                .as("opening the page confirms nothing").containsExactly(false);

        confirm(token).then().statusCode(200).body(containsString("confirmed")).body(not(containsString(email)));
        String customerId = conversation(conversationId).getString("customerId");
        assertThat(emailVerifiedFlags(customerId, email)).containsExactly(true);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath delivered = delivery(first);
            assertThat(delivered.getString("status")).isEqualTo("sent");
            assertThat(delivered.getString("channel")).isEqualTo("email");
            assertThat(delivery(second).getString("status")).isEqualTo("sent");
        });
        confirm(token).then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/link-gone"));
        assertThat(mailsContaining(email, firstText)).as("the first reply arrived once").isEqualTo(1);
        assertThat(mailsContaining(email, secondText)).as("the second reply arrived once").isEqualTo(1);
        for (String reply : List.of(first, second)) {
            assertThat(delivery(reply).getList("history.channel", String.class)).as("tried in the chat, then mailed once")
                    .containsExactly("web_chat", "email");
        }
    }

    @Test
    @Order(2)
    void aLinkConfirmsOnlyTheAddressItWasSentTo() throws Exception {
        String mine = uniqueEmail("mine");
        String other = uniqueEmail("other");
        String customerId;
        try (ChatClient chat = new ChatClient(socketUri)) {
            chat.hello(ChatClient.newVisitorId(), mine, null);
            String conversationId = chat.say("Here is one address", mine).path("conversationId").asText();
            chat.say("and here another", other);
            customerId = conversation(conversationId).getString("customerId");
        }
        as("agent").body(Map.of("email", mine))
                .when().post("/api/v1/customers/{id}/claims/send-confirmation", customerId)
                .then().statusCode(202).body("status", equalTo("pending")).body("$", not(org.hamcrest.Matchers.hasKey("token")));
        String token = theOnlyToken(mine);
        assertThat(tokensMailedTo(other)).isEmpty();

        confirm(token).then().statusCode(200);
        assertThat(emailVerifiedFlags(customerId, mine)).containsExactly(true);
        assertThat(emailVerifiedFlags(customerId, other)).as("still only a claim").containsExactly(false);
    }

    @Test
    @Order(3)
    void aClaimOfAKnownCustomersAddressJoinsThemOnlyWhenTheirMailboxConfirms() throws Exception {
        String email = uniqueEmail("owner");
        String ownerId = receive(inbound("email", sender(email, null, null, "Olivia Owner", null), "My order is late"))
                .getString("customerId");
        String conversationId = visitorWritesAndLeaves(email);
        String reply = agentReplies(conversationId, "Your order ships today " + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(reply).getString("status")).isEqualTo("awaiting_confirmation"));
        assertThat(conversation(conversationId).getString("customerId")).isNotEqualTo(ownerId);

        confirm(theOnlyToken(email)).then().statusCode(200);
        assertThat(conversation(conversationId).getString("customerId")).as("merged per the verified rules").isEqualTo(ownerId);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(reply).getString("status")).isEqualTo("sent"));
    }

    @Test
    @Order(4)
    void anExpiredLinkIsGone() throws Exception {
        String email = uniqueEmail("late");
        String conversationId = visitorWritesAndLeaves(email);
        String reply = agentReplies(conversationId, "An answer that waits");
        String token = theOnlyToken(email);
        QuarkusTransaction.requiringNew().run(() -> EmailConfirmation.update("expiresAt = ?1 where tokenHash = ?2",
                Instant.now().minusSeconds(1), EmailConfirmations.hash(token)));

        open(token).then().statusCode(410).contentType("application/problem+json");
        confirm(token).then().statusCode(410).contentType("application/problem+json")
                .body("detail", not(containsString(email)));
        assertThat(emailVerifiedFlags(conversation(conversationId).getString("customerId"), email)).containsExactly(false);
        assertThat(delivery(reply).getString("status")).isEqualTo("awaiting_confirmation");
    }

    @Test
    @Order(5)
    void aVisitorWhoComesBackGetsTheWaitingReplyInTheChatAndTheLinkDoesNotSendItAgain() throws Exception {
        String email = uniqueEmail("back");
        String visitor = ChatClient.newVisitorId();
        String conversationId;
        try (ChatClient chat = new ChatClient(socketUri)) {
            chat.hello(visitor, email, null);
            conversationId = chat.say("I will be back", email).path("conversationId").asText();
        }
        String reply = agentReplies(conversationId, "Here you are " + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(reply).getString("status")).isEqualTo("awaiting_confirmation"));
        String token = theOnlyToken(email);

        try (ChatClient chat = new ChatClient(socketUri)) {
            chat.hello(visitor, email, null);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(delivery(reply).getString("status")).isEqualTo("sent"));
        }
        confirm(token).then().statusCode(200);
        JsonPath after = delivery(reply);
        assertThat(after.getString("status")).isEqualTo("sent");
        assertThat(after.getString("channel")).as("released to the chat, not again by e-mail").isEqualTo("web_chat");
    }

    @Test
    @Order(6)
    void anUnknownOrMalformedTokenIsNotFoundAndSaysNothing() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String guessed = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        for (String token : List.of(guessed, "short", "' or 1=1 --")) {
            confirm(token).then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("This confirmation link does not exist"));
            open(token).then().statusCode(404);
        }
    }

    /** Last: it spends this address's share of confirmation calls for the minute. */
    @Test
    @Order(7)
    void openingLinksIsRateLimitedPerAddress() {
        List<Integer> statuses = new java.util.ArrayList<>();
        Response limited = null;
        for (int i = 0; i <= 30 && limited == null; i++) {
            Response response = open("x");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("31 calls within a second, the share is 30 a minute: %s", statuses).isNotNull();
        assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly(404);
        limited.then().header("Retry-After", org.hamcrest.Matchers.notNullValue()).contentType("application/problem+json");
    }
}
