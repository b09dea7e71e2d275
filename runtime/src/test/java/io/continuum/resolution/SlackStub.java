package io.continuum.resolution;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Slack Web API at the address %test.continuum.slack.api-base-url names. It records
 * every call (method, form parameters, authorization) and answers like Slack does; a method it does not
 * know answers {"ok":false}, so an unexpected call shows up as a failure.
 */
final class SlackStub {

    static final int PORT = 18189;
    private static SlackStub running;

    record Call(String method, String httpMethod, String authorization, Map<String, String> params) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private SlackStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/api/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form(body);
            calls.add(new Call(method, exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Authorization"), params));
            String answer = switch (method) {
                case "conversations.create" -> "{\"ok\":true,\"channel\":{\"id\":\"C" + UUID.randomUUID().toString()
                        .replace("-", "").substring(0, 10).toUpperCase() + "\",\"name\":\"" + params.get("name") + "\"}}";
                case "conversations.invite" -> "{\"ok\":true,\"channel\":{\"id\":\"" + params.get("channel") + "\"}}";
                case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\""
                        + System.nanoTime() + ".000100\"}";
                case "conversations.archive" -> "{\"ok\":true}";
                default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
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
