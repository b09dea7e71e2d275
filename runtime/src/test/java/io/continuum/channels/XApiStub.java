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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in for X's DM API on the loopback port {@code %test} points at. It accepts only the exact request
 * ({@code POST /2/dm_conversations/with/{participant}/messages}, bearer token, JSON {@code {"text":…}}),
 * records every request, answers 201 with a new dm_event_id, and serves DM media files under {@code /ton/}.
 */
public final class XApiStub {

    public static final String TOKEN = "test-x-access-token";
    public static final String CONSUMER_SECRET = "test-x-consumer-secret";
    public static final String BASE = "http://127.0.0.1:29282";
    private static final Pattern SEND = Pattern.compile("/2/dm_conversations/with/(\\d+)/messages");

    /** One request as received, with what the stub answered. */
    public record Request(String method, String path, String participant, String authorization, String contentType, JsonNode body,
                          int status, String eventId) {
    }

    private static XApiStub instance;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> mediaFiles = new ConcurrentHashMap<>();

    private XApiStub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 29282), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized XApiStub start() {
        if (instance == null) {
            try {
                instance = new XApiStub();
            } catch (IOException e) {
                throw new IllegalStateException("X API stub could not listen on 127.0.0.1:29282", e);
            }
        }
        return instance;
    }

    public List<Request> requestsContaining(String marker) {
        return requests.stream().filter(r -> r.body() != null && r.body().path("text").asText().contains(marker)).toList();
    }

    /** A DM media file served at the returned URL, with the bearer token. */
    public String media(String name, byte[] content) {
        mediaFiles.put(name, content);
        return BASE + "/ton/1/1/dm/" + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean authorized = ("Bearer " + TOKEN).equals(authorization);
        if ("GET".equals(exchange.getRequestMethod())) {
            byte[] file = mediaFiles.get(path.substring(path.lastIndexOf('/') + 1));
            boolean served = authorized && path.startsWith("/ton/") && file != null;
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(served ? 200 : 404, served ? file.length : -1);
            if (served) {
                exchange.getResponseBody().write(file);
            }
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
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Matcher send = SEND.matcher(path);
        boolean wellFormed = "POST".equals(exchange.getRequestMethod()) && send.matches() && authorized
                && "application/json".equals(contentType) && body != null && body.path("text").isTextual() && body.size() == 1;
        int status = wellFormed ? 201 : 400;
        String eventId = wellFormed ? String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits())) : null;
        String answer = wellFormed
                ? "{\"data\":{\"dm_conversation_id\":\"1-" + send.group(1) + "\",\"dm_event_id\":\"" + eventId + "\"}}"
                : "{\"title\":\"Invalid Request\",\"detail\":\"request shape not accepted by the stub\"}";
        requests.add(new Request(exchange.getRequestMethod(), path, send.matches() ? send.group(1) : null, authorization, contentType,
                body, status, eventId));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
