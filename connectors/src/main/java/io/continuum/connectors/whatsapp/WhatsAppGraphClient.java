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
        } else {
            body.put("type", "text");
            ObjectNode text = body.putObject("text");
            text.put("preview_url", false);
            text.put("body", message.content());
        }
        return body;
    }
}
