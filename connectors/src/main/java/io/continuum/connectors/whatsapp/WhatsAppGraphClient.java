package io.continuum.connectors.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Sends one message through the Graph API: {@code POST {base}/{version}/{phone-number-id}/messages}. */
@ApplicationScoped
public class WhatsAppGraphClient {

    private final WhatsAppConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WhatsAppGraphClient(WhatsAppConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public DeliveryReceipt send(OutboundMessage message) throws DeliveryFailure {
        String phoneNumberId = config.phoneNumberId()
                .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "continuum.whatsapp.phone-number-id is not set"));
        String token = config.accessToken()
                .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "continuum.whatsapp.access-token is not set"));
        URI uri = URI.create(config.apiBaseUrl().replaceAll("/$", "") + "/" + config.apiVersion() + "/" + phoneNumberId + "/messages");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(message).toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
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
            String id = json.readTree(response.body()).path("messages").path(0).path("id").asText(null);
            if (id == null) {
                throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "Graph API answered without a message id");
            }
            return new DeliveryReceipt(id);
        } catch (IOException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "Graph API answered unreadable JSON", e);
        }
    }

    /** A media file a customer sent, as the Graph API serves it; {@code content} null when it was too large to fetch. */
    public record Media(String mimeType, long sizeBytes, byte[] content) {
    }

    /**
     * Fetches a media file in two steps (its URL by id, then the bytes, both with the bearer token),
     * refusing before the download when the announced size exceeds the limit.
     */
    public Media fetchMedia(String mediaId, long maxBytes) throws IOException, InterruptedException {
        String token = config.accessToken().orElseThrow(() -> new IOException("continuum.whatsapp.access-token is not set"));
        URI info = URI.create(config.apiBaseUrl().replaceAll("/$", "") + "/" + config.apiVersion() + "/" + mediaId);
        HttpResponse<String> described = http.send(HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (described.statusCode() != 200) {
            throw new IOException("media info answered " + described.statusCode());
        }
        JsonNode media = json.readTree(described.body());
        String mimeType = media.path("mime_type").asText("application/octet-stream");
        long size = media.path("file_size").asLong(-1);
        if (size > maxBytes) {
            return new Media(mimeType, size, null);
        }
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(media.path("url").asText()))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (file.statusCode() != 200) {
            throw new IOException("media download answered " + file.statusCode());
        }
        byte[] bytes = file.body();
        return bytes.length > maxBytes ? new Media(mimeType, bytes.length, null) : new Media(mimeType, bytes.length, bytes);
    }

    /** Row titles of a survey's scores, 1 to 5 (at most 24 characters each). */
    private static final List<String> SCORE_TITLES = List.of("1 - Poor", "2 - Fair", "3 - Good", "4 - Very good",
            "5 - Excellent");

    private JsonNode body(OutboundMessage message) {
        ObjectNode body = json.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.to().phone().replaceFirst("^\\+", ""));
        body.put("biz_opaque_callback_data", message.idempotencyKey());
        if (message.template() != null) {
            body.put("type", "template");
            ObjectNode template = body.putObject("template");
            template.put("name", message.template().name());
            template.putObject("language").put("code", message.template().language());
            if (!message.template().parameters().isEmpty()) {
                ObjectNode component = template.putArray("components").addObject();
                component.put("type", "body");
                ArrayNode parameters = component.putArray("parameters");
                message.template().parameters().forEach(text -> parameters.addObject().put("type", "text").put("text", text));
            }
        } else if (message.survey() != null) {
            // an interactive list (reply buttons stop at three): five rows whose ids carry the signed token back
            body.put("type", "interactive");
            ObjectNode interactive = body.putObject("interactive");
            interactive.put("type", "list");
            interactive.putObject("body").put("text", message.content());
            ObjectNode action = interactive.putObject("action");
            action.put("button", "Rate us");
            ObjectNode section = action.putArray("sections").addObject();
            section.put("title", "Your rating");
            ArrayNode rows = section.putArray("rows");
            for (int score = 5; score >= 1; score--) {
                rows.addObject().put("id", message.survey().replyId(score)).put("title", SCORE_TITLES.get(score - 1));
            }
        } else {
            body.put("type", "text");
            ObjectNode text = body.putObject("text");
            text.put("preview_url", false);
            text.put("body", message.content());
        }
        return body;
    }
}
