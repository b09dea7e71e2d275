package io.continuum.connectors.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.InboundBatch.InboundMessage;
import io.continuum.connectors.channel.InboundBatch.PendingFile;
import io.continuum.connectors.channel.InboundBatch.RawItem;
import io.continuum.connectors.channel.InboundBatch.Rejected;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.channel.ReferencedFiles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * X direct messages: Account Activity API events in ({@code direct_message_events}), the DM API out
 * ({@link XDirectMessageClient}). DMs our own account sent (echoed to us like any other) are ignored; the
 * sender's X user id is who they are.
 */
@ApplicationScoped
public class XAdapter implements ChannelAdapter<JsonNode> {

    private static final Logger LOG = Logger.getLogger(XAdapter.class);

    private final XConfig config;
    private final XDirectMessageClient client;
    private final ChannelLimits limits;
    private final ObjectMapper json;

    XAdapter(XConfig config, XDirectMessageClient client, ChannelLimits limits, ObjectMapper json) {
        this.config = config;
        this.client = client;
        this.limits = limits;
        this.json = json;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.consumerSecret().isEmpty()) {
            LOG.warn("X: continuum.x.consumer-secret is not set; every webhook on /webhooks/x (CRC check included) is refused");
        }
    }

    @Override
    public String channel() {
        return Channels.X;
    }

    @Override
    public InboundBatch normalise(JsonNode payload) {
        String ourAccount = payload.path("for_user_id").asText(null);
        if (ourAccount == null || ourAccount.isBlank()) {
            throw new MalformedPayload("expected 'for_user_id' naming our account");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        if (!payload.has("direct_message_events")) {
            payload.fieldNames().forEachRemaining(field -> {
                if (!"for_user_id".equals(field)) {
                    ignored.add("x event " + field);
                }
            });
            return new InboundBatch(messages, List.of(), ignored, rejected);
        }
        // each event on its own: one that cannot be read is kept raw, the others go on
        for (JsonNode event : payload.path("direct_message_events")) {
            JsonNode item = singleItem(payload, event);
            try {
                if (!"message_create".equals(event.path("type").asText())) {
                    ignored.add("x dm event " + event.path("type").asText("(none)"));
                } else if (ourAccount.equals(event.path("message_create").path("sender_id").asText())) {
                    ignored.add("x dm sent by our own account");
                } else {
                    messages.add(toMessage(event, payload.path("users"), item));
                }
            } catch (RuntimeException bad) {
                String reason = bad instanceof MalformedPayload ? bad.getMessage() : "unreadable item: " + bad.getClass().getSimpleName();
                rejected.add(new Rejected(Channels.X, event.path("id").asText(null), reason, raw(item)));
            }
        }
        return new InboundBatch(messages, List.of(), ignored, rejected);
    }

    @Override
    public InboundBatch normaliseRaw(byte[] raw) {
        try {
            return normalise(json.readTree(raw));
        } catch (IOException e) {
            throw new MalformedPayload("the kept item is not JSON");
        }
    }

    /** The payload with just this one event (and its sender's profile), kept when it is refused. */
    private JsonNode singleItem(JsonNode payload, JsonNode event) {
        ObjectNode one = json.createObjectNode().put("for_user_id", payload.path("for_user_id").asText());
        one.putArray("direct_message_events").add(event);
        String sender = event.path("message_create").path("sender_id").asText("");
        if (payload.path("users").has(sender)) {
            one.putObject("users").set(sender, payload.path("users").path(sender));
        }
        return one;
    }

    private RawItem raw(JsonNode item) {
        return new RawItem(item.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private InboundMessage toMessage(JsonNode event, JsonNode users, JsonNode item) {
        String id = MalformedPayload.required(event, "id");
        JsonNode create = event.path("message_create");
        String sender = MalformedPayload.required(create, "sender_id");
        JsonNode data = create.path("message_data");
        List<String> text = new ArrayList<>();
        if (!data.path("text").asText("").isBlank()) {
            text.add(data.path("text").asText());
        }
        List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>();
        List<PendingFile> pending = new ArrayList<>();
        JsonNode media = data.path("attachment").path("media");
        if (!media.isMissingNode()) {
            String url = media.path("media_url_https").asText(null);
            if (url == null) {
                throw new MalformedPayload("a media attachment without 'media_url_https'");
            }
            String fileName = url.substring(url.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "");
            ReferencedFiles.fetchInto(client::fetchMedia, limits, url, fileName.isEmpty() ? "x-media-" + id : fileName, attachments,
                    pending).ifPresent(text::add);
        }
        var from = new NormalizedMessage.Sender(null, null, sender, users.path(sender).path("name").asText(null), null);
        NormalizedMessage message = new NormalizedMessage(Channels.X, id, from, String.join("\n", text), attachments,
                epochMillis(event), null);
        return new InboundMessage(message, List.of(), null, raw(item), pending);
    }

    @Override
    public Optional<NormalizedMessage.InboundAttachment> fetchPendingFile(PendingFile file) throws IOException {
        return ReferencedFiles.fetchPending(client::fetchMedia, limits, file);
    }

    private static Instant epochMillis(JsonNode event) {
        String timestamp = event.path("created_timestamp").asText(null);
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            throw new MalformedPayload("created_timestamp must be epoch milliseconds");
        }
    }

    @Override
    public DeliveryReceipt deliver(OutboundMessage message) throws DeliveryFailure {
        String userId = message.to().socialId();
        if (userId == null) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "the customer has no verified X account");
        }
        return client.send(userId, message.content());
    }
}
