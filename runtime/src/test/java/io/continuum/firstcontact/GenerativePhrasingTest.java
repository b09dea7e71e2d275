package io.continuum.firstcontact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The optional language model, against a local stub of the OpenAI chat completions API that
 * records the exact requests: it is asked with the article as its only source, its phrasing
 * reaches the customer, and a promise it makes is still rewritten by the failsafes.
 */
@QuarkusTest
@TestProfile(GenerativePhrasingTest.WithLanguageModel.class)
class GenerativePhrasingTest {

    public static class WithLanguageModel implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ChatCompletionsStub.class));
        }
    }

    /** Answers every chat completion with {@link #reply}, keeping each request body and its headers. */
    public static class ChatCompletionsStub implements QuarkusTestResourceLifecycleManager {
        static final List<JsonNode> requests = new CopyOnWriteArrayList<>();
        static final List<String> authorizations = new CopyOnWriteArrayList<>();
        static volatile String reply = "";
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/v1/chat/completions", exchange -> {
                requests.add(new ObjectMapper().readTree(exchange.getRequestBody()));
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("id", "chatcmpl-1", "object", "chat.completion",
                        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                                "message", Map.of("role", "assistant", "content", reply)))));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return Map.of("continuum.ai.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                    "continuum.ai.llm.model", "support-model", "continuum.ai.llm.api-key", "test-key");
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    private static String askHowTo(String product) {
        as("supervisor").body(Map.of("title", "Change the colour theme of the " + product + " dashboard",
                        "body", "1. Open Settings\n2. Choose Theme", "tags", List.of("help"), "locale", "en", "status", "published"))
                .when().post("/api/v1/kb/articles").then().statusCode(201);
        return receive(inbound("email", sender(uniqueEmail("llm"), null, null, null, null),
                "How do I change the colour theme of the " + product + " dashboard?")).getString("conversationId");
    }

    private static List<String> aiReplies(String conversationId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId).get("handoffBrief") != null
                || !conversation(conversationId).getList("timeline.findAll { it.author == 'ai:first-contact' }").isEmpty());
        JsonPath view = conversation(conversationId);
        return view.getList("timeline.findAll { it.type == 'message' && it.author == 'ai:first-contact' }.content", String.class);
    }

    @Test
    void theModelIsAskedWithTheArticleOnlyAndItsPhrasingReachesTheCustomer() {
        String product = "zx" + UUID.randomUUID().toString().substring(0, 8);
        ChatCompletionsStub.reply = "Sure! 1. Open Settings. 2. Pick a theme you like.";
        int before = ChatCompletionsStub.requests.size();
        String id = askHowTo(product);

        List<String> replies = aiReplies(id);
        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply)
                .startsWith("Sure! 1. Open Settings. 2. Pick a theme you like.")
                .contains("Full article: /kb/").contains(FirstResponse.OFFER_A_PERSON));
        JsonNode request = ChatCompletionsStub.requests.get(before);
        assertThat(request.get("model").asText()).isEqualTo("support-model");
        assertThat(request.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(request.get("messages").get(0).get("content").asText())
                .startsWith(GenerativePhrasing.INSTRUCTIONS).contains("1. Open Settings\n2. Choose Theme");
        assertThat(request.get("messages").get(1).get("role").asText()).isEqualTo("user");
        assertThat(request.get("messages").get(1).get("content").asText()).contains(product);
        assertThat(ChatCompletionsStub.authorizations.get(before)).isEqualTo("Bearer test-key");
    }

    @Test
    void aPromiseTheModelMakesIsRewrittenByTheFailsafes() {
        ChatCompletionsStub.reply = "Open Settings and choose a theme. It will be fixed by tomorrow.";
        String id = askHowTo("zx" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(aiReplies(id)).singleElement().satisfies(reply -> assertThat(reply)
                .doesNotContain("by tomorrow").contains("we will keep you updated"));
    }

    private static Map<String, Object> briefOf(String text) {
        String id = receive(inbound("email", sender(uniqueEmail("summary"), null, null, null, null), text))
                .getString("conversationId");
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(id).get("handoffBrief") != null);
        return conversation(id).getMap("handoffBrief");
    }

    @Test
    void theModelPhrasesTheHandOffSummaryFromThePickedSentencesOnlyAndAnInventedEtaIsRefused() {
        ChatCompletionsStub.reply = "Orders API answers HTTP 502 since 9am; the customer already restarted the integration twice.";
        int before = ChatCompletionsStub.requests.size();
        Map<String, Object> phrased = briefOf("Hello. Your orders API returns HTTP 502 since 9am."
                + " I already restarted our integration twice.");

        assertThat(phrased).containsEntry("summary", ChatCompletionsStub.reply).containsEntry("summaryBy", "model");
        JsonNode request = ChatCompletionsStub.requests.get(before);
        assertThat(request.get("messages").get(0).get("content").asText()).isEqualTo(GenerativePhrasing.SUMMARY_INSTRUCTIONS);
        assertThat(request.get("messages").get(1).get("content").asText()).isEqualTo(
                "Your orders API returns HTTP 502 since 9am. I already restarted our integration twice.");

        ChatCompletionsStub.reply = "Orders API returns HTTP 503; engineering will have it fixed by tomorrow.";
        Map<String, Object> refused = briefOf("Your orders API returns HTTP 503 on every call. I already rotated our API key.");

        assertThat(refused).containsEntry("summaryBy", "extractive").containsEntry("summary",
                "Your orders API returns HTTP 503 on every call. I already rotated our API key.");
    }
}
