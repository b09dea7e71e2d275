package io.continuum.connectors.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.DeliveryStatusUpdate;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.InboundBatch.InboundMessage;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** WhatsApp Cloud API: webhook events in, Graph API messages out (through the whatsapp-outbound route). */
@ApplicationScoped
public class WhatsAppAdapter implements ChannelAdapter<JsonNode> {

    private static final Set<String> MEDIA_TYPES = Set.of("image", "document", "audio", "video", "sticker");

    private static final Logger LOG = Logger.getLogger(WhatsAppAdapter.class);

    private final ProducerTemplate producer;
    private final WhatsAppGraphClient graph;
    private final ChannelLimits limits;

    WhatsAppAdapter(ProducerTemplate producer, WhatsAppGraphClient graph, ChannelLimits limits) {
        this.producer = producer;
        this.graph = graph;
        this.limits = limits;
    }

    @Override
    public String channel() {
        return Channels.WHATSAPP;
    }

    @Override
    public InboundBatch normalise(JsonNode payload) {
        JsonNode entries = payload.path("entry");
        if (!"whatsapp_business_account".equals(payload.path("object").asText()) || !entries.isArray()) {
            throw new MalformedPayload("expected object 'whatsapp_business_account' with an 'entry' array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<DeliveryStatusUpdate> statuses = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode changes = entry.path("changes");
            if (!changes.isArray()) {
                throw new MalformedPayload("entry without a 'changes' array");
            }
            for (JsonNode change : changes) {
                if (!"messages".equals(change.path("field").asText())) {
                    ignored.add("field " + change.path("field").asText("(none)"));
                    continue;
                }
                JsonNode value = change.path("value");
                Map<String, String> names = new HashMap<>();
                value.path("contacts").forEach(contact ->
                        names.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null)));
                for (JsonNode message : value.path("messages")) {
                    toMessage(message, names).ifPresentOrElse(messages::add,
                            () -> ignored.add("message type " + message.path("type").asText("(none)")));
                }
                for (JsonNode status : value.path("statuses")) {
                    statuses.add(toStatus(status));
                }
            }
        }
        return new InboundBatch(messages, statuses, ignored);
    }

    private java.util.Optional<InboundMessage> toMessage(JsonNode message, Map<String, String> names) {
        String id = required(message, "id");
        String from = required(message, "from");
        String type = message.path("type").asText();
        String content;
        List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>();
        if ("text".equals(type)) {
            content = message.path("text").path("body").asText();
        } else if (MEDIA_TYPES.contains(type)) {
            JsonNode media = message.path(type);
            String mediaId = media.path("id").asText(null);
            if (mediaId == null) {
                throw new MalformedPayload("a " + type + " message without a media id");
            }
            String caption = media.path("caption").asText("");
            String fileName = media.path("filename").asText(type + "-" + mediaId);
            String note = fetchInto(mediaId, fileName, attachments);
            content = note == null ? caption : (caption + "\n" + note).strip();
        } else {
            return java.util.Optional.empty();
        }
        var sender = new NormalizedMessage.Sender(null, "+" + from, null, names.get(from), null);
        String threadRef = message.path("context").path("id").asText(null);
        return java.util.Optional.of(InboundMessage.plain(new NormalizedMessage(Channels.WHATSAPP, id, sender, content,
                attachments, epochSeconds(message), threadRef)));
    }

    /** Adds the media file to the attachments, or answers the note kept in the text instead (refused, unavailable). */
    private String fetchInto(String mediaId, String fileName, List<NormalizedMessage.InboundAttachment> attachments) {
        try {
            WhatsAppGraphClient.Media media = graph.fetchMedia(mediaId, limits.maxAttachmentBytes());
            if (media.content() == null) {
                LOG.warnf("Refused a WhatsApp media file of %d bytes (limit %d)", media.sizeBytes(), limits.maxAttachmentBytes());
                return limits.refusalNote(fileName, media.sizeBytes());
            }
            attachments.add(new NormalizedMessage.InboundAttachment(fileName, media.mimeType(), media.content()));
            return null;
        } catch (java.io.IOException e) {
            // the webhook is answered 5xx so Meta delivers it again; by then the media may be reachable
            throw new IllegalStateException("WhatsApp media " + mediaId + " could not be fetched: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching WhatsApp media", e);
        }
    }

    private static DeliveryStatusUpdate toStatus(JsonNode status) {
        String id = required(status, "id");
        DeliveryStatusUpdate.Status value;
        try {
            value = DeliveryStatusUpdate.Status.valueOf(required(status, "status").toUpperCase());
        } catch (IllegalArgumentException unknown) {
            throw new MalformedPayload("status must be sent, delivered, read or failed");
        }
        String reason = status.path("errors").path(0).path("title").asText(null);
        return new DeliveryStatusUpdate(Channels.WHATSAPP, id, value, epochSeconds(status), reason);
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new MalformedPayload("missing '" + field + "'");
        }
        return value;
    }

    private static Instant epochSeconds(JsonNode node) {
        String timestamp = node.path("timestamp").asText(null);
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            throw new MalformedPayload("timestamp must be epoch seconds");
        }
    }

    @Override
    public DeliveryReceipt deliver(OutboundMessage message) throws DeliveryFailure {
        if (message.to().phone() == null) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "the customer has no phone number");
        }
        try {
            return producer.requestBody(WhatsAppOutboundRoute.ENDPOINT, message, DeliveryReceipt.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof DeliveryFailure failure) {
                throw failure;
            }
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "whatsapp-outbound route failed", e);
        }
    }
}
