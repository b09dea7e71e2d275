package io.continuum.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import io.continuum.support.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Anonymous surfaces have limits per source: over them a webhook call or a chat socket is 429 with
 * Retry-After (problem JSON), a chat message an error frame with retryAfter. The test app believes
 * X-Forwarded-For from loopback (its pretend proxy), so each test comes from an address of its own.
 */
@QuarkusTest
class RateLimitTest {

    @TestHTTPResource("/ws/chat")
    URI socket;

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    @Test
    void aWebhookSourceOverItsLimitGets429WithRetryAfter() {
        String flooder = someAddress();
        // continuum.rate-limits.webhook-calls-per-source is 100 a minute in tests, refilled evenly: the burst
        // of 100 passes (unsigned calls are refused, 401, but counted), a few more refill while it runs
        int passed = 0;
        io.restassured.response.Response answer;
        do {
            answer = given().header("X-Forwarded-For", flooder).contentType(ContentType.JSON).body("{}")
                    .when().post("/webhooks/whatsapp");
            passed += answer.statusCode() == 429 ? 0 : 1;
        } while (answer.statusCode() != 429 && passed < 200);
        assertThat(passed).isBetween(100, 130);
        answer.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/rate-limited"))
                .body("status", equalTo(429));
        assertThat(Integer.parseInt(answer.header("Retry-After"))).isBetween(1, 60);

        given().header("X-Forwarded-For", someAddress()).contentType(ContentType.JSON).body("{}")
                .when().post("/webhooks/whatsapp")
                .then().statusCode(401);
    }

    @Test
    void anAddressOpeningTooManyChatSocketsGets429() {
        String flooder = someAddress();
        // 60 a minute: the burst passes, then at most a token a second refills
        int passed = 0;
        io.restassured.response.Response answer;
        do {
            answer = given().header("X-Forwarded-For", flooder).when().get("/ws/chat");
            passed += answer.statusCode() == 429 ? 0 : 1;
        } while (answer.statusCode() != 429 && passed < 120);
        assertThat(passed).isBetween(60, 75);
        answer.then().statusCode(429)
                .header("Retry-After", not(equalTo(null)))
                .body("type", equalTo("https://continuum.io/problems/rate-limited"));
    }

    @Test
    void aVisitorSendingTooManyMessagesIsToldToWait() throws Exception {
        String visitor = ChatClient.newVisitorId();
        try (ChatClient chat = new ChatClient(socket, Map.of("X-Forwarded-For", someAddress()))) {
            chat.hello(visitor, null, null);
            // continuum.rate-limits.webchat-messages-per-visitor is 5 in tests
            for (int message = 1; message <= 5; message++) {
                assertThat(chat.say("message " + message, null).path("type").asText()).isEqualTo("ack");
            }
            JsonNode refused = chat.say("one too many", null);
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("reason").asText()).startsWith("Too many messages");
            assertThat(refused.path("retryAfter").asLong()).isBetween(1L, 60L);
        }
        try (ChatClient other = new ChatClient(socket, Map.of("X-Forwarded-For", someAddress()))) {
            other.hello(ChatClient.newVisitorId(), null, null);
            assertThat(other.say("another visitor is not held back", null).path("type").asText()).isEqualTo("ack");
        }
    }
}
