package io.continuum.connectors.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.connectors.channel.ChannelFiles;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.meta.GraphApi;
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
    private final HttpClient http = GraphApi.http();

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
        String id = GraphApi.post(uri, token, body(message), json).path("messages").path(0).path("id").asText(null);
        if (id == null) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "Graph API answered without a message id");
        }
        return new DeliveryReceipt(id);
    }

    /**
     * Fetches a media file in two steps (its URL by id, then the bytes, both with the bearer token),
     * refusing before the download when the announced size exceeds the limit.
     */
    public ChannelFiles.Fetched fetchMedia(String mediaId, long maxBytes) throws IOException, InterruptedException {
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
            return new ChannelFiles.Fetched(mimeType, size, null);
        }
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(media.path("url").asText()))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (file.statusCode() != 200) {
            throw new IOException("media download answered " + file.statusCode());
        }
        return ChannelFiles.Fetched.within(mimeType, file.body(), maxBytes);
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
