package io.continuum.resolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Slack Web API at the address %test.continuum.slack.api-base-url names. It records
 * every call (method, form parameters, authorization) and answers like Slack does, keeping channels by
 * name ({@code name_taken} on a second create) and posted messages with their metadata (for
 * conversations.history); a method it does not know answers {"ok":false}, so an unexpected call shows up
 * as a failure. {@link #failNext} makes the next call of a method fail before or after it took effect.
 */
final class SlackStub {

    static final int PORT = 18189;
    private static SlackStub running;

    record Call(String method, String httpMethod, String authorization, Map<String, String> params) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> channelsByName = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> messagesByChannel = new ConcurrentHashMap<>();
    private final Map<String, Deque<Boolean>> failures = new ConcurrentHashMap<>();

    /**
     * The next call of the method fails with HTTP 500: before it took effect, or ({@code afterEffect}) after,
     * the way a timeout loses the answer to a call Slack did carry out.
     */
    void failNext(String method, boolean afterEffect) {
        failures.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).add(afterEffect);
    }

    /** The messages posted to a channel, oldest first. */
    List<Map<String, Object>> messages(String channelId) {
        return messagesByChannel.getOrDefault(channelId, List.of());
    }

    /** Whether a channel of that name exists (Slack allows one). */
    boolean channelNamed(String name) {
        return channelsByName.containsKey(name);
    }

    private String answer(String method, Map<String, String> params) throws IOException {
        return switch (method) {
            case "conversations.create" -> {
                String name = params.get("name");
                String id = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
                if (channelsByName.putIfAbsent(name, id) != null) {
                    yield "{\"ok\":false,\"error\":\"name_taken\"}";
                }
                yield "{\"ok\":true,\"channel\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}}";
            }
            case "conversations.list" -> json.writeValueAsString(Map.of("ok", true, "channels", channelsByName.entrySet().stream()
                    .map(e -> Map.of("id", e.getValue(), "name", e.getKey())).toList(), "response_metadata", Map.of("next_cursor", "")));
            case "conversations.invite" -> "{\"ok\":true,\"channel\":{\"id\":\"" + params.get("channel") + "\"}}";
            case "chat.postMessage" -> {
                String ts = System.nanoTime() + ".000100";
                Map<String, Object> message = new HashMap<>();
                message.put("type", "message");
                message.put("ts", ts);
                message.put("text", params.get("text"));
                if (params.get("metadata") != null) {
                    message.put("metadata", json.readValue(params.get("metadata"), Map.class));
                }
                messagesByChannel.computeIfAbsent(params.get("channel"), c -> new CopyOnWriteArrayList<>()).add(message);
                yield "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + ts + "\"}";
            }
            case "conversations.history" -> {
                List<Map<String, Object>> newestFirst = new ArrayList<>(messages(params.get("channel")));
                Collections.reverse(newestFirst);
                yield json.writeValueAsString(Map.of("ok", true, "messages", newestFirst, "has_more", false));
            }
            case "conversations.archive" -> "{\"ok\":true}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
    }

    private SlackStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/api/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form(body);
            calls.add(new Call(method, exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Authorization"), params));
            Deque<Boolean> scripted = failures.get(method);
            Boolean afterEffect = scripted == null ? null : scripted.poll();
            String answer = Boolean.FALSE.equals(afterEffect) ? "{\"ok\":false,\"error\":\"internal_error\"}" : answer(method, params);
            int status = afterEffect == null ? 200 : 500;
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    static synchronized SlackStub start() {
        if (running == null) {
            try {
                running = new SlackStub();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return running;
    }

    List<Call> callsFor(String channelId) {
        return calls.stream().filter(c -> channelId.equals(c.params().get("channel"))).toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        if (body.isBlank()) {
            return values;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
