package io.continuum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The platform's policy and decision endpoints the decisions benchmark calls, each as the demo
 * user a person doing that would be: an analyst uploads, publishes and simulates; a client
 * application evaluates.
 */
final class PlatformApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;
    private final String analyst;
    private final String client;

    PlatformApi(DecisionPlatformSettings settings) {
        this.baseUrl = settings.baseUrl();
        this.analyst = basic(settings.analystUser(), settings.analystPassword());
        this.client = basic(settings.apiUser(), settings.apiPassword());
    }

    /** Uploads a new version of the policy; returns its number. */
    int createVersion(String policy, String source, String comment) throws IOException, InterruptedException {
        JsonNode created = call(analyst, "POST", policyPath(policy) + "/versions?comment=" + encode(comment),
                "text/plain", source, Set.of(201));
        return created.path("version").asInt();
    }

    /** Makes the version live; answers once this node evaluates with it. */
    void publish(String policy, int version) throws IOException, InterruptedException {
        call(analyst, "POST", policyPath(policy) + "/versions/" + version + "/publish", null, null, Set.of(200));
    }

    /** Evaluates the live version without logging; the answer names the version that decided. */
    JsonNode evaluate(String policy, Map<String, Object> inputs) throws IOException, InterruptedException {
        return call(client, "POST", policyPath(policy) + "/evaluate", "application/json",
                json.writeValueAsString(inputs), Set.of(200));
    }

    /** Starts a simulation and waits up to {@code wait} for it: the report, or the still running simulation. */
    JsonNode simulate(String policy, int version, int limit, Duration wait) throws IOException, InterruptedException {
        return call(analyst, "POST", policyPath(policy) + "/versions/" + version + "/simulate?wait=" + wait,
                "application/json", json.writeValueAsString(Map.of("limit", limit)), Set.of(200, 202));
    }

    JsonNode simulation(String policy, String id) throws IOException, InterruptedException {
        return call(analyst, "GET", policyPath(policy) + "/simulations/" + id, null, null, Set.of(200));
    }

    /** The decision log of one conversation, oldest first. */
    JsonNode decisionsOf(UUID conversationId) throws IOException, InterruptedException {
        return call(analyst, "GET", "/api/v1/conversations/" + conversationId + "/decisions", null, null, Set.of(200));
    }

    private JsonNode call(String authorization, String method, String path, String contentType, String body,
                          Set<Integer> expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (!expected.contains(response.statusCode())) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + ": "
                    + excerpt(response.body()));
        }
        return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
    }

    private static String policyPath(String policy) {
        return "/api/v1/policies/" + encode(policy);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }
}
