package io.continuum.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in for Meta's Graph API on the loopback port {@code %test} points at. It accepts only the
 * exact request shape of the Cloud API (path, bearer token, JSON body), records every request,
 * and answers per recipient with scripted status codes (default 200 with a new wamid).
 */
public final class GraphApiStub {

    public static final String PATH = "/v21.0/106540352242922/messages";
    public static final String TOKEN = "test-access-token";

    /** One request as received, with what the stub answered. */
    public record Request(String method, String path, String authorization, String contentType, JsonNode body, int status,
                          String wamid) {
    }

    private static GraphApiStub instance;
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, byte[]> mediaFiles = new ConcurrentHashMap<>();

    private GraphApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 29180), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized GraphApiStub start() {
        if (instance == null) {
            try {
                instance = new GraphApiStub();
            } catch (IOException e) {
                throw new IllegalStateException("Graph API stub could not listen on 127.0.0.1:29180", e);
            }
        }
        return instance;
    }

    /** The next answers for messages whose text contains the marker; afterwards 200. */
    public void script(String marker, Integer... statuses) {
        scripts.put(marker, new ArrayDeque<>(List.of(statuses)));
    }

    public List<Request> requestsContaining(String marker) {
        return requests.stream().filter(r -> r.body() != null && r.body().path("text").path("body").asText().contains(marker)).toList();
    }

    public List<Request> requestsTo(String to) {
        return requests.stream().filter(r -> r.body() != null && to.equals(r.body().path("to").asText())).toList();
    }

    /** A file a customer sent: served by id (JSON with its URL and size) and by that URL, both with the bearer token. */
    public void media(String mediaId, byte[] content) {
        mediaFiles.put(mediaId, content);
    }

    private void serveMedia(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] answer;
        int status = 200;
        if (path.startsWith("/media-files/") && authorized && mediaFiles.containsKey(path.substring(13))) {
            answer = mediaFiles.get(path.substring(13));
        } else if (path.startsWith("/v21.0/") && authorized && mediaFiles.containsKey(path.substring(7))) {
            String id = path.substring(7);
            answer = json.writeValueAsBytes(Map.of("id", id, "mime_type", "image/jpeg", "file_size", mediaFiles.get(id).length,
                    "url", "http://127.0.0.1:29180/media-files/" + id, "messaging_product", "whatsapp"));
        } else {
            status = 404;
            answer = "{}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            serveMedia(exchange);
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
        int status;
        String wamid = null;
        String answer;
        boolean wellFormed = "POST".equals(exchange.getRequestMethod()) && PATH.equals(exchange.getRequestURI().getPath())
                && ("Bearer " + TOKEN).equals(authorization) && contentType != null && contentType.startsWith("application/json")
                && body != null && "whatsapp".equals(body.path("messaging_product").asText()) && body.hasNonNull("to")
                && body.hasNonNull("type");
        if (!wellFormed) {
            status = 400;
            answer = "{\"error\":{\"message\":\"request shape not accepted by the stub\"}}";
        } else {
            String text = body.path("text").path("body").asText();
            Deque<Integer> script = scripts.entrySet().stream().filter(e -> text.contains(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            Integer scripted = script == null ? null : script.poll();
            status = scripted == null ? 200 : scripted;
            if (status == 200) {
                wamid = "wamid.stub-" + UUID.randomUUID();
                answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + body.path("to").asText()
                        + "\",\"wa_id\":\"" + body.path("to").asText() + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}";
            } else {
                answer = "{\"error\":{\"message\":\"scripted failure\",\"code\":" + status + "}}";
            }
        }
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), authorization, contentType,
                body, status, wamid));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
