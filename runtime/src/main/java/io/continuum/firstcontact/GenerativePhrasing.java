package io.continuum.firstcontact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Optional: an OpenAI-compatible chat model (a local Ollama or vLLM works) phrases a knowledge
 * answer, grounded only in the retrieved article, and a hand-off summary, grounded only in the sentences
 * picked from the conversation ({@link ConversationSummary}). Off unless {@code continuum.ai.llm.base-url}
 * is set; any failure falls back to the article's own steps or the picked sentences. Whatever it writes
 * still passes the failsafes before anyone sees it.
 */
@ApplicationScoped
public class GenerativePhrasing {

    private static final Logger LOG = Logger.getLogger(GenerativePhrasing.class);
    static final String INSTRUCTIONS = """
            You answer a customer of our support team. Use ONLY the help article below; if it does not answer \
            the question, say so briefly. Give the steps as a short numbered list. Never promise a date, time or \
            fix, never argue, and do not invent links. Keep the link to the article.""";
    static final String SUMMARY_INSTRUCTIONS = """
            Summarise for the support agent who takes this conversation over, in at most three sentences. Use ONLY             the customer's sentences below; keep error codes, numbers and what the customer already tried. Never             add a cause, a fix, a date or a promise, and never say the problem is solved.""";

    /** The OpenAI-compatible chat completion request. */
    private record ChatCompletion(String model, int temperature, List<ChatMessage> messages) {
    }

    private record ChatMessage(String role, String content) {
    }

    private final Optional<String> baseUrl;
    private final String model;
    private final Optional<String> apiKey;
    private final ObjectMapper objectMapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    GenerativePhrasing(@ConfigProperty(name = "continuum.ai.llm.base-url") Optional<String> baseUrl,
                       @ConfigProperty(name = "continuum.ai.llm.model", defaultValue = "llama3.1") String model,
                       @ConfigProperty(name = "continuum.ai.llm.api-key") Optional<String> apiKey,
                       ObjectMapper objectMapper) {
        this.baseUrl = baseUrl.filter(url -> !url.isBlank()).map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.model = model;
        this.apiKey = apiKey.filter(key -> !key.isBlank());
        this.objectMapper = objectMapper;
    }

    /** The model's phrasing of {@code groundedAnswer} for {@code question}, or the grounded answer itself. */
    public String phrase(String question, String articleTitle, String articleBody, String groundedAnswer) {
        return complete(INSTRUCTIONS + "\n\nArticle \"" + articleTitle + "\":\n" + articleBody, question)
                .orElse(groundedAnswer);
    }

    /** The model's summary of sentences picked from a conversation; empty without a model or when it failed. */
    public Optional<String> summarize(String pickedSentences) {
        return complete(SUMMARY_INSTRUCTIONS, pickedSentences);
    }

    private Optional<String> complete(String instructions, String userText) {
        if (baseUrl.isEmpty()) {
            return Optional.empty();
        }
        try {
            ChatCompletion body = new ChatCompletion(model, 0, List.of(
                    new ChatMessage("system", instructions), new ChatMessage("user", userText)));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + "/chat/completions"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(objectMapper.writeValueAsString(body)));
            apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warnf("The language model answered HTTP %d; using the text without it", response.statusCode());
                return Optional.empty();
            }
            JsonNode content = objectMapper.readTree(response.body()).path("choices").path(0).path("message").path("content");
            return content.isTextual() && !content.asText().isBlank() ? Optional.of(content.asText().strip()) : Optional.empty();
        } catch (IOException e) {
            LOG.warnf("The language model could not be reached (%s); using the text without it", e.getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
