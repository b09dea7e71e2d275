package io.continuum.connectors.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.DeliveryFailure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One call to Meta's Graph API, as WhatsApp, Messenger and Instagram make it: a JSON POST with the bearer token,
 * and the answer read as a {@link DeliveryFailure} kind the delivery machinery acts on (429 and 5xx are worth
 * retrying, any other refusal is not).
 */
public final class GraphApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GraphApi() {
    }

    /** Posts {@code body} and answers the JSON Meta returned with a 2xx. */
    public static JsonNode post(URI uri, String token, JsonNode body, ObjectMapper json) throws DeliveryFailure {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "Graph API unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "interrupted while sending");
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            DeliveryFailure.Kind kind = status >= 500 || status == 429 ? DeliveryFailure.Kind.TRANSIENT : DeliveryFailure.Kind.PERMANENT;
            throw new DeliveryFailure(kind, "Graph API answered " + status);
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "Graph API answered unreadable JSON", e);
        }
    }

    /** The shared client, for the GETs that fetch files customers sent. */
    public static HttpClient http() {
        return HTTP;
    }
}
