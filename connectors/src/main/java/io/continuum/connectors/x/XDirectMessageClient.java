package io.continuum.connectors.x;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.ProviderHttp;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * X's DM API: {@code POST {base}/2/dm_conversations/with/{participant_id}/messages} with our user access token,
 * and the DM media files customers send, fetched with the same token.
 */
@ApplicationScoped
public class XDirectMessageClient {

    private final XConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    XDirectMessageClient(XConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * Sends one DM. The DM API takes no idempotency key: an attempt whose outcome is unknown is never sent
     * again ({@link ProviderHttp}).
     */
    public DeliveryReceipt send(String participantId, String text) throws DeliveryFailure {
        String token = config.accessToken()
                .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "continuum.x.access-token is not set"));
        URI uri = URI.create(config.apiBaseUrl().replaceAll("/$", "") + "/2/dm_conversations/with/"
                + URLEncoder.encode(participantId, StandardCharsets.UTF_8) + "/messages");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.createObjectNode().put("text", text).toString()))
                .build();
        HttpResponse<String> response = ProviderHttp.send(http, request, "X");
        int status = response.statusCode();
        if (status / 100 == 2) {
            try {
                String eventId = json.readTree(response.body()).path("data").path("dm_event_id").asText(null);
                if (eventId == null) {
                    throw new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME, "X answered " + status + " without a dm_event_id");
                }
                return new DeliveryReceipt(eventId);
            } catch (IOException e) {
                throw new DeliveryFailure(DeliveryFailure.Kind.UNKNOWN_OUTCOME, "X answered " + status + " with unreadable JSON", e);
            }
        }
        throw ProviderHttp.failure(status, "X", "");
    }

    /** Downloads a DM media file under the configured media base URL, refusing one larger than {@code maxBytes}. */
    public ProviderHttp.Download fetchMedia(String url, long maxBytes) throws IOException, InterruptedException {
        if (!url.startsWith(config.mediaBaseUrl().replaceAll("/$", "") + "/")) {
            throw new IllegalArgumentException("media URL outside the X media host");
        }
        String token = config.accessToken().orElseThrow(() -> new IOException("continuum.x.access-token is not set"));
        return ProviderHttp.download(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), maxBytes);
    }
}
