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
 * answer, grounded only in the retrieved article. Off unless {@code continuum.ai.llm.base-url} is
 * set; any failure falls back to the article's own steps. Whatever it writes still passes the
 * failsafes before a customer sees it.
 */
@ApplicationScoped
public class GenerativePhrasing {

    private static final Logger LOG = Logger.getLogger(GenerativePhrasing.class);
    static final String INSTRUCTIONS = """
            You answer a customer of our support team. Use ONLY the help article below; if it does not answer \
            the question, say so briefly. Give the steps as a short numbered list. Never promise a date, time or \
            fix, never argue, and do not invent links. Keep the link to the article.""";

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
        if (baseUrl.isEmpty()) {
            return groundedAnswer;
        }
        try {
            ChatCompletion body = new ChatCompletion(model, 0, List.of(
                    new ChatMessage("system", INSTRUCTIONS + "\n\nArticle \"" + articleTitle + "\":\n" + articleBody),
                    new ChatMessage("user", question)));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + "/chat/completions"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(objectMapper.writeValueAsString(body)));
            apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warnf("The language model answered HTTP %d; using the article's own steps", response.statusCode());
                return groundedAnswer;
            }
            JsonNode content = objectMapper.readTree(response.body()).path("choices").path(0).path("message").path("content");
            return content.isTextual() && !content.asText().isBlank() ? content.asText().strip() : groundedAnswer;
        } catch (IOException e) {
            LOG.warnf("The language model could not be reached (%s); using the article's own steps", e.getClass().getSimpleName());
            return groundedAnswer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return groundedAnswer;
        }
    }
}
