package io.continuum.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in for Meta's Send API (Messenger and Instagram) on the loopback port {@code %test} points
 * continuum.meta.api-base-url at. It accepts only the documented request (POST /v21.0/me/messages, the Page
 * token as bearer, a JSON body with recipient.id, messaging_type and message.text; MESSAGE_TAG with a tag),
 * records every request and answers with a new message id. It also serves files customers "sent", as Meta's CDN.
 */
public final class SendApiStub {

    public static final String PATH = "/v21.0/me/messages";
    public static final String TOKEN = "test-page-token";
    public static final String BASE = "http://127.0.0.1:29181";

    /** One request as received, with what the stub answered. */
    public record Request(String method, String path, String query, String authorization, String contentType, JsonNode body,
                          int status, String messageId) {
    }

    private static SendApiStub instance;
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    private SendApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 29181), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized SendApiStub start() {
        if (instance == null) {
            try {
                instance = new SendApiStub();
            } catch (IOException e) {
                throw new IllegalStateException("Send API stub could not listen on 127.0.0.1:29181", e);
            }
        }
        return instance;
    }

    /** Requests sent to this recipient id. */
    public List<Request> requestsTo(String recipientId) {
        return requests.stream().filter(r -> r.body() != null && recipientId.equals(r.body().path("recipient").path("id").asText()))
                .toList();
    }

    /** Requests sent to this recipient id with exactly this text (other messages to them, e.g. an AI's, aside). */
    public List<Request> requestsTo(String recipientId, String text) {
        return requestsTo(recipientId).stream().filter(r -> text.equals(r.body().path("message").path("text").asText())).toList();
    }

    /** Serves {@code content} at the address returned, as Meta's CDN serves a customer's file (no token asked). */
    public String file(String name, byte[] content) {
        files.put(name, content);
        return BASE + "/cdn/" + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/cdn/") && files.containsKey(path.substring(5))) {
            byte[] file = files.get(path.substring(5));
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, file.length);
            exchange.getResponseBody().write(file);
            exchange.close();
            return;
        }
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body;
        try {
            body = json.readTree(raw);
        } catch (IOException e) {
            body = null;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String messagingType = body == null ? "" : body.path("messaging_type").asText();
        boolean wellFormed = "POST".equals(exchange.getRequestMethod()) && PATH.equals(path)
                && exchange.getRequestURI().getQuery() == null
                && ("Bearer " + TOKEN).equals(authorization) && contentType != null && contentType.startsWith("application/json")
                && body != null && body.path("recipient").hasNonNull("id") && body.path("message").hasNonNull("text")
                && ("RESPONSE".equals(messagingType) || "MESSAGE_TAG".equals(messagingType) && body.hasNonNull("tag"));
        int status;
        String messageId = null;
        String answer;
        if (wellFormed) {
            status = 200;
            messageId = "m_stub-" + UUID.randomUUID();
            answer = json.writeValueAsString(Map.of("recipient_id", body.path("recipient").path("id").asText(), "message_id", messageId));
        } else {
            status = 400;
            answer = "{\"error\":{\"message\":\"request shape not accepted by the stub\"}}";
        }
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(), authorization, contentType,
                body, status, messageId));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
