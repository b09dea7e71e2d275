package io.continuum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends inbound messages to {@code POST /api/v1/messages} as a channel connector would: one
 * message per call, each with a fresh external id, from a sender drawn from a fixed pool, so a
 * run mixes first contacts (new customer, new conversation) with returning customers. Given
 * several nodes, it spreads the messages over them in turn, as a proxy without sticky sessions
 * does: one customer's messages reach every node.
 */
final class InboundMessages {

    /** Rotated per message; web chat and e-mail senders share an address, so one customer spans both. */
    private static final List<String> CHANNELS = List.of("email", "web_chat", "whatsapp");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final List<URI> messagesUris;
    private final String authorization;
    private final int customerPool;
    private final List<String> texts;
    /** Distinguishes this run's external ids from any earlier run's, so no message is a redelivery. */
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    InboundMessages(BenchmarkSettings settings) {
        this(settings.baseUrl(), settings.apiUser(), settings.apiPassword(), settings.customerPool(), List.of());
    }

    InboundMessages(String baseUrl, String apiUser, String apiPassword, int customerPool, List<String> texts) {
        this(List.of(baseUrl), apiUser, apiPassword, customerPool, texts);
    }

    /**
     * @param baseUrls the nodes; message number n goes to node n modulo their number
     * @param texts    what customers write, in turn; empty for a numbered placeholder text, which
     *                 triggers no risk signal
     */
    InboundMessages(List<String> baseUrls, String apiUser, String apiPassword, int customerPool, List<String> texts) {
        // HTTP/1.1 as connectors use it; the default would try an h2c upgrade on every new connection
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.messagesUris = baseUrls.stream().map(baseUrl -> URI.create(baseUrl + "/api/v1/messages")).toList();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (apiUser + ":" + apiPassword).getBytes(StandardCharsets.UTF_8));
        this.customerPool = customerPool;
        this.texts = List.copyOf(texts);
    }

    /** Workers share one client: it keeps one pooled connection per worker that has a request in flight. */
    LoadRun.Operation sender() {
        return this::send;
    }

    /** Sends the next message; returns the platform's answer ({@code messageId}, {@code conversationId}, …). */
    JsonNode send() throws IOException, InterruptedException {
        long number = sequence.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(messagesUris.get((int) (number % messagesUris.size())))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(message(number))))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + excerpt(response.body()));
        }
        JsonNode accepted = json.readTree(response.body());
        if (!accepted.hasNonNull("messageId")) {
            throw new IllegalStateException("202 without messageId: " + excerpt(response.body()));
        }
        return accepted;
    }

    private ObjectNode message(long number) {
        String channel = CHANNELS.get((int) (number % CHANNELS.size()));
        int customer = ThreadLocalRandom.current().nextInt(customerPool);

        ObjectNode message = json.createObjectNode();
        message.put("channel", channel);
        message.put("externalId", "bench-" + runId + "-" + number);
        ObjectNode from = message.putObject("from");
        if (channel.equals("whatsapp")) {
            // +1 415 555 xxxx is a valid US number to libphonenumber, which the platform checks
            from.put("phone", "+1415555" + String.format("%04d", customer % 10_000));
        } else {
            from.put("email", "customer-" + customer + "@bench.example.com");
        }
        message.put("content", texts.isEmpty() ? "benchmark message " + number
                : texts.get((int) (number % texts.size())) + " (" + number + ")");
        message.putArray("attachments");
        message.put("receivedAt", Instant.now().toString());
        return message;
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
