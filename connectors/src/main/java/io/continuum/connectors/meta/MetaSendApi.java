package io.continuum.connectors.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.connectors.channel.ChannelFiles;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Graph API Send API for Messenger and Instagram ({@code POST {base}/{version}/me/messages} with the Page
 * access token), and the download of files customers sent (by the CDN URL in the webhook, without the token).
 */
@ApplicationScoped
public class MetaSendApi {

    private final MetaConfig config;
    private final ObjectMapper json;

    MetaSendApi(MetaConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * Sends the reply as a RESPONSE (within 24 hours of the customer's message) or, when it carries a
     * {@link OutboundMessage.Template}, as a MESSAGE_TAG with the template's name as the tag.
     */
    public DeliveryReceipt send(OutboundMessage message, MetaPlatform platform) throws DeliveryFailure {
        String token = config.pageAccessToken()
                .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "continuum.meta.page-access-token is not set"));
        if (message.to().socialId() == null) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "the customer has no " + platform.displayName() + " id");
        }
        URI uri = URI.create(config.apiBaseUrl().replaceAll("/$", "") + "/" + config.apiVersion() + "/me/messages");
        String id = GraphApi.post(uri, token, body(message), json).path("message_id").asText(null);
        if (id == null) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "Send API answered without a message id");
        }
        return new DeliveryReceipt(id);
    }

    private ObjectNode body(OutboundMessage message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("recipient").put("id", message.to().socialId());
        if (message.template() == null) {
            body.put("messaging_type", "RESPONSE");
        } else {
            body.put("messaging_type", "MESSAGE_TAG");
            body.put("tag", message.template().name());
        }
        body.putObject("message").put("text", message.content());
        return body;
    }

    /** Downloads a file, refusing it as soon as its announced or counted size exceeds {@code maxBytes}. */
    public ChannelFiles.Fetched fetch(String url, long maxBytes) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IOException("not a web address");
        }
        HttpResponse<InputStream> response = GraphApi.http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("file download answered " + response.statusCode());
            }
            String mimeType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > maxBytes) {
                return new ChannelFiles.Fetched(mimeType, announced, null);
            }
            return ChannelFiles.Fetched.within(mimeType, body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1)), maxBytes);
        }
    }
}
