package io.continuum.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the chat widget does on /ws/chat, as a test drives it: frames out as JSON, frames in queued by type. */
public final class ChatClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    /** @param socketUri the http(s) URI of /ws/chat; {@code headers} are sent with the handshake */
    public ChatClient(URI socketUri, Map<String, String> headers) {
        URI ws = URI.create(socketUri.toString().replaceFirst("^http", "ws"));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder.buildAsync(ws, this).join();
    }

    public ChatClient(URI socketUri) {
        this(socketUri, Map.of());
    }

    public static String newVisitorId() {
        return "visitor-" + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    public void send(Map<String, Object> frame) throws Exception {
        socket.sendText(JSON.writeValueAsString(frame), true).get(10, TimeUnit.SECONDS);
    }

    /** The next frame of this type (others are skipped), waiting up to 20 s. */
    public JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame within 20 s");
    }

    /** Says hello and returns the welcome frame. */
    public JsonNode hello(String visitorId, String email, String userHash) throws Exception {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("visitorId", visitorId);
        hello.put("email", email);
        hello.put("userHash", userHash);
        send(hello);
        return next("welcome");
    }

    /** Says hello with an identity token the host site signed (the JWT variant of host-site identity). */
    public JsonNode helloWithToken(String visitorId, String userJwt) throws Exception {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("visitorId", visitorId);
        hello.put("userJwt", userJwt);
        send(hello);
        return next("welcome");
    }

    /** Sends a message and returns its answer: an ack, or an error naming it. */
    public JsonNode say(String content, String email) throws Exception {
        String clientMessageId = UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("clientMessageId", clientMessageId);
        message.put("content", content);
        message.put("email", email);
        send(message);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && ("ack".equals(frame.path("type").asText()) || "error".equals(frame.path("type").asText()))
                    && clientMessageId.equals(frame.path("clientMessageId").asText())) {
                return frame;
            }
        }
        throw new AssertionError("no answer to message " + clientMessageId + " within 20 s");
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
