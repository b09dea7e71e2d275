package io.continuum.channels;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.continuum.connectors.sms.TwilioForm;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in for Twilio's REST API on the loopback port {@code %test} points at. It accepts only the exact
 * Messages API request (path with the account SID, basic auth, form body with To, From and Body), records
 * every request, answers with scripted status codes for messages containing a marker (default 201 with a
 * new SM sid), and serves MMS media files and voicemail recordings (MP3) with the same basic auth.
 */
public final class TwilioApiStub {

    public static final String AUTH_TOKEN = "test-twilio-auth-token";
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String FROM_NUMBER = "+15558675310";
    public static final String PUBLIC_URL = "https://support.example.test/base";
    public static final String BASE = "http://127.0.0.1:29281";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    public static final String BASIC_AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));

    /** One request as received, with what the stub answered. */
    public record Request(String method, String path, String authorization, String contentType, TwilioForm form, int status,
                          String sid) {
    }

    private static TwilioApiStub instance;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, byte[]> mediaFiles = new ConcurrentHashMap<>();

    private TwilioApiStub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 29281), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized TwilioApiStub start() {
        if (instance == null) {
            try {
                instance = new TwilioApiStub();
            } catch (IOException e) {
                throw new IllegalStateException("Twilio API stub could not listen on 127.0.0.1:29281", e);
            }
        }
        return instance;
    }

    /**
     * The X-Twilio-Signature Twilio computes: base64 HMAC-SHA1 of the URL followed by every field's name and
     * value sorted by name (twilio-java's published vector checks this in TwilioSmsWebhookTest).
     */
    public static String sign(String authToken, String url, Map<String, String> fields) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(fields).forEach((name, value) -> signed.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next answers for messages whose body contains the marker; afterwards 201. */
    public void script(String marker, Integer... statuses) {
        scripts.put(marker, new ArrayDeque<>(List.of(statuses)));
    }

    public List<Request> requestsContaining(String marker) {
        return requests.stream().filter(r -> r.form() != null && r.form().get("Body") != null
                && r.form().get("Body").contains(marker)).toList();
    }

    /** A recording served as Twilio does at its RecordingUrl plus ".mp3"; answers the RecordingUrl. */
    public String recording(String recordingSid, byte[] mp3) {
        mediaFiles.put(recordingSid + ".mp3", mp3);
        return BASE + recordingPath(recordingSid);
    }

    public static String recordingPath(String recordingSid) {
        return "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Recordings/" + recordingSid;
    }

    /** Every request for a path, downloads included, in the order received. */
    public List<Request> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** A media file served at {@code BASE + path}, as an image. */
    public String media(String name, byte[] content) {
        mediaFiles.put(name, content);
        return BASE + "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/MM" + name + "/Media/" + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if ("GET".equals(exchange.getRequestMethod())) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            byte[] file = mediaFiles.get(name);
            boolean served = BASIC_AUTH.equals(authorization) && file != null;
            requests.add(new Request("GET", path, authorization, null, null, served ? 200 : 404, null));
            exchange.getResponseHeaders().add("Content-Type", name.endsWith(".mp3") ? "audio/mpeg" : "image/png");
            exchange.sendResponseHeaders(served ? 200 : 404, served ? file.length : -1);
            if (served) {
                exchange.getResponseBody().write(file);
            }
            exchange.close();
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        TwilioForm form = TwilioForm.parse(exchange.getRequestBody().readAllBytes());
        boolean wellFormed = "POST".equals(exchange.getRequestMethod()) && MESSAGES_PATH.equals(path)
                && BASIC_AUTH.equals(authorization) && "application/x-www-form-urlencoded".equals(contentType)
                && form.get("To") != null && FROM_NUMBER.equals(form.get("From")) && form.get("Body") != null;
        int status;
        String sid = null;
        String answer;
        if (!wellFormed) {
            status = 400;
            answer = "{\"code\":21604,\"message\":\"request shape not accepted by the stub\",\"status\":400}";
        } else {
            Deque<Integer> script = scripts.entrySet().stream().filter(e -> form.get("Body").contains(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            Integer scripted = script == null ? null : script.poll();
            status = scripted == null ? 201 : scripted;
            if (status == 201) {
                sid = "SM" + UUID.randomUUID().toString().replace("-", "");
                answer = "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + form.get("To") + "\"}";
            } else {
                answer = "{\"code\":20500,\"message\":\"scripted failure\",\"status\":" + status + "}";
            }
        }
        requests.add(new Request(exchange.getRequestMethod(), path, authorization, contentType, form, status, sid));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
