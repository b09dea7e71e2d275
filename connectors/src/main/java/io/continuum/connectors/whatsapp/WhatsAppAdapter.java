package io.continuum.connectors.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.DeliveryStatusUpdate;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.JsonFields;
import io.continuum.connectors.channel.InboundBatch.InboundMessage;
import io.continuum.connectors.channel.InboundBatch.PendingFile;
import io.continuum.connectors.channel.InboundBatch.RawItem;
import io.continuum.connectors.channel.InboundBatch.Rejected;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** WhatsApp Cloud API: webhook events in, Graph API messages out ({@link WhatsAppGraphClient}). */
@ApplicationScoped
public class WhatsAppAdapter implements ChannelAdapter<JsonNode> {

    private static final Set<String> MEDIA_TYPES = Set.of("image", "document", "audio", "video", "sticker");
    /** Graph API media ids: digits in practice; nothing that would change the URL it is fetched from. */
    private static final java.util.regex.Pattern MEDIA_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** Events in the messages list that the customer did not write: the number changed, a welcome request. */
    private static final Set<String> NOT_FROM_THE_CUSTOMER = Set.of("system", "request_welcome");

    private static final Logger LOG = Logger.getLogger(WhatsAppAdapter.class);

    private final WhatsAppGraphClient graph;
    private final ChannelLimits limits;
    private final ObjectMapper json;

    WhatsAppAdapter(WhatsAppGraphClient graph, ChannelLimits limits, ObjectMapper json) {
        this.graph = graph;
        this.limits = limits;
        this.json = json;
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
        List<Rejected> rejected = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode changes = entry.path("changes");
            if (!changes.isArray()) {
                ObjectNode alone = json.createObjectNode().put("object", "whatsapp_business_account");
                alone.putArray("entry").add(entry);
                rejected.add(new Rejected(Channels.WHATSAPP, null, "entry without a 'changes' array", raw(alone)));
                continue;
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
                // each message and status on its own: one that cannot be read is kept raw, the others go on
                for (JsonNode message : value.path("messages")) {
                    JsonNode item = singleItem(entry, value, "messages", message);
                    try {
                        toMessage(message, names, item).ifPresentOrElse(messages::add,
                                () -> ignored.add("message type " + message.path("type").asText("(none)")));
                    } catch (RuntimeException bad) {
                        rejected.add(new Rejected(Channels.WHATSAPP, message.path("id").asText(null), reason(bad), raw(item)));
                    }
                }
                for (JsonNode status : value.path("statuses")) {
                    try {
                        statuses.add(toStatus(status));
                    } catch (RuntimeException bad) {
                        rejected.add(new Rejected(Channels.WHATSAPP,
                                "status:" + status.path("id").asText("?") + ":" + status.path("status").asText("?"), reason(bad),
                                raw(singleItem(entry, value, "statuses", status))));
                    }
                }
            }
        }
        return new InboundBatch(messages, statuses, ignored, rejected);
    }

    @Override
    public InboundBatch normaliseRaw(byte[] raw) {
        try {
            return normalise(json.readTree(raw));
        } catch (IOException e) {
            throw new MalformedPayload("the kept item is not JSON");
        }
    }

    /** Why an item was refused: what the payload got wrong, or, for anything unforeseen, the error's type. */
    private static String reason(RuntimeException bad) {
        return bad instanceof MalformedPayload ? bad.getMessage() : "unreadable item: " + bad.getClass().getSimpleName();
    }

    /** A webhook payload holding just this one item (with its entry and contacts), kept when it is refused. */
    private JsonNode singleItem(JsonNode entry, JsonNode value, String list, JsonNode item) {
        ObjectNode payload = json.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode oneEntry = payload.putArray("entry").addObject();
        oneEntry.set("id", entry.path("id"));
        ObjectNode change = oneEntry.putArray("changes").addObject().put("field", "messages");
        ObjectNode oneValue = change.putObject("value");
        oneValue.set("messaging_product", value.path("messaging_product"));
        oneValue.set("metadata", value.path("metadata"));
        if (value.has("contacts")) {
            oneValue.set("contacts", value.path("contacts"));
        }
        oneValue.putArray(list).add(item);
        return payload;
    }

    private RawItem raw(JsonNode item) {
        try {
            return new RawItem(json.writeValueAsBytes(item), "application/json");
        } catch (IOException e) {
            return new RawItem(item.toString().getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    private Optional<InboundMessage> toMessage(JsonNode message, Map<String, String> names, JsonNode item) {
        String id = JsonFields.required(message, "id");
        String from = JsonFields.required(message, "from");
        String type = message.path("type").asText();
        if (NOT_FROM_THE_CUSTOMER.contains(type)) {
            return Optional.empty();
        }
        List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>();
        List<PendingFile> pending = new ArrayList<>();
        String content;
        if (MEDIA_TYPES.contains(type)) {
            JsonNode media = message.path(type);
            String mediaId = media.path("id").asText(null);
            if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
                throw new MalformedPayload("a " + type + " message without a usable media id");
            }
            String caption = media.path("caption").asText("");
            String fileName = media.path("filename").asText(type + "-" + mediaId);
            String note = fetchInto(mediaId, fileName, attachments, pending);
            content = note == null ? caption : (caption + "\n" + note).strip();
        } else {
            content = WhatsAppMessageText.of(type, message);
        }
        var sender = new NormalizedMessage.Sender(null, "+" + from, null, names.get(from), null);
        String threadRef = message.path("context").path("id").asText(null);
        NormalizedMessage normalized = new NormalizedMessage(Channels.WHATSAPP, id, sender, content, attachments,
                epochSeconds(message), threadRef);
        return Optional.of(new InboundMessage(normalized, List.of(), null, raw(item), pending));
    }

    /**
     * Adds the media file to the attachments; answers the note kept in the text instead when it was
     * refused (too large) or when it cannot be fetched now (then it is pending and fetched later).
     */
    private String fetchInto(String mediaId, String fileName, List<NormalizedMessage.InboundAttachment> attachments,
                             List<PendingFile> pending) {
        try {
            WhatsAppGraphClient.Media media = graph.fetchMedia(mediaId, limits.maxAttachmentBytes());
            if (media.content() == null) {
                LOG.warnf("Refused a WhatsApp media file of %d bytes (limit %d)", media.sizeBytes(), limits.maxAttachmentBytes());
                return limits.refusalNote(fileName, media.sizeBytes());
            }
            attachments.add(new NormalizedMessage.InboundAttachment(fileName, media.mimeType(), media.content()));
            return null;
        } catch (IOException e) {
            LOG.warnf("WhatsApp media could not be fetched now (%s); the message is stored and the file fetched later",
                    e.getClass().getSimpleName());
            pending.add(new PendingFile(mediaId, fileName, e.getMessage()));
            return "[" + fileName + ": the file is being fetched]";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.add(new PendingFile(mediaId, fileName, "interrupted"));
            return "[" + fileName + ": the file is being fetched]";
        }
    }

    @Override
    public Optional<NormalizedMessage.InboundAttachment> fetchPendingFile(PendingFile file) throws IOException {
        try {
            WhatsAppGraphClient.Media media = graph.fetchMedia(file.reference(), limits.maxAttachmentBytes());
            if (media.content() == null) {
                return Optional.empty();
            }
            return Optional.of(new NormalizedMessage.InboundAttachment(file.fileName(), media.mimeType(), media.content()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching WhatsApp media", e);
        }
    }

    private static DeliveryStatusUpdate toStatus(JsonNode status) {
        String id = JsonFields.required(status, "id");
        DeliveryStatusUpdate.Status value;
        String given = JsonFields.required(status, "status");
        try {
            value = DeliveryStatusUpdate.Status.valueOf(given.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new MalformedPayload("unknown status '" + given + "' (known: sent, delivered, read, failed)");
        }
        String reason = status.path("errors").path(0).path("title").asText(null);
        return new DeliveryStatusUpdate(Channels.WHATSAPP, id, value, epochSeconds(status), reason);
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
            return graph.send(message);
        } catch (RuntimeException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "WhatsApp send failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
