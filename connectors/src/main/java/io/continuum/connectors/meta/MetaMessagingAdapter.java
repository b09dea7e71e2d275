package io.continuum.connectors.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.ChannelFiles;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.DeliveryStatusUpdate;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.InboundBatch.InboundMessage;
import io.continuum.connectors.channel.InboundBatch.PendingFile;
import io.continuum.connectors.channel.InboundBatch.RawItem;
import io.continuum.connectors.channel.InboundBatch.Rejected;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.OutboundMessage;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Messenger and Instagram messaging, which Meta delivers in one webhook shape ({@code entry[].messaging[]}) and
 * answers through one Send API: text, quick replies, postbacks, files, Instagram story replies and mentions in;
 * delivery and read receipts as statuses; echoes of what the page itself sent ignored. Each messaging event is
 * read on its own: one that cannot be read is kept raw, the others go on.
 */
public abstract class MetaMessagingAdapter implements ChannelAdapter<JsonNode> {

    /** Attachment types that are a file the customer sent; the others (shares, reels, story mentions) are links. */
    private static final Set<String> FILE_TYPES = Set.of("image", "video", "audio", "file");

    private final MetaPlatform platform;
    private final MetaSendApi sendApi;
    private final ChannelLimits limits;
    private final ObjectMapper json;

    protected MetaMessagingAdapter(MetaPlatform platform, MetaSendApi sendApi, ChannelLimits limits, ObjectMapper json) {
        this.platform = platform;
        this.sendApi = sendApi;
        this.limits = limits;
        this.json = json;
    }

    @Override
    public String channel() {
        return platform.channel();
    }

    @Override
    public InboundBatch normalise(JsonNode payload) {
        JsonNode entries = payload.path("entry");
        if (!platform.webhookObject().equals(payload.path("object").asText()) || !entries.isArray()) {
            throw new MalformedPayload("expected object '" + platform.webhookObject() + "' with an 'entry' array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<DeliveryStatusUpdate> statuses = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode messaging = entry.path("messaging");
            if (!messaging.isArray()) {
                if (entry.has("changes") || entry.has("standby")) {
                    ignored.add("entry without messaging events (changes or standby)");
                } else {
                    rejected.add(new Rejected(platform.channel(), null, "entry without a 'messaging' array", RawItem.ofJson(wrap(entry))));
                }
                continue;
            }
            for (JsonNode event : messaging) {
                ObjectNode alone = entry.deepCopy();
                alone.putArray("messaging").add(event);
                try {
                    read(event, alone, messages, statuses, ignored);
                } catch (RuntimeException bad) {
                    String reference = event.path("message").path("mid").asText(event.path("postback").path("mid").asText(null));
                    rejected.add(new Rejected(platform.channel(), reference,
                            bad instanceof MalformedPayload ? bad.getMessage() : "unreadable item: " + bad.getClass().getSimpleName(),
                            RawItem.ofJson(wrap(alone))));
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

    /** Reads one event; {@code single} is a webhook entry holding just it, kept as the message's raw item. */
    private void read(JsonNode event, JsonNode single, List<InboundMessage> messages, List<DeliveryStatusUpdate> statuses,
                      List<String> ignored) {
        Instant at = epochMillis(event);
        if (event.has("message")) {
            JsonNode message = event.path("message");
            if (message.path("is_echo").asBoolean(false)) {
                ignored.add("echo of a message the page sent");
            } else if (message.path("is_deleted").asBoolean(false)) {
                ignored.add("the customer unsent a message");
            } else {
                messages.add(message(event, message, at, single));
            }
        } else if (event.has("postback")) {
            JsonNode postback = event.path("postback");
            String title = postback.path("title").asText("");
            String payload = postback.path("payload").asText("");
            String id = postback.path("mid").asText("postback:" + senderOf(event) + ":" + event.path("timestamp").asText());
            String content = "[Tapped button] " + (title.isEmpty() ? payload : title)
                    + (title.isEmpty() || payload.isEmpty() || payload.equals(title) ? "" : " (" + payload + ")");
            messages.add(new InboundMessage(new NormalizedMessage(platform.channel(), id, sender(event), content, List.of(), at,
                    null), List.of(), null, RawItem.ofJson(wrap(single)), List.of()));
        } else if (event.has("delivery")) {
            JsonNode mids = event.path("delivery").path("mids");
            if (mids.isArray() && !mids.isEmpty()) {
                mids.forEach(mid -> statuses.add(new DeliveryStatusUpdate(platform.channel(), mid.asText(),
                        DeliveryStatusUpdate.Status.DELIVERED, at, null)));
            } else {
                ignored.add("delivery watermark without message ids");
            }
        } else if (event.has("read")) {
            String mid = event.path("read").path("mid").asText(null);
            if (mid != null) {
                statuses.add(new DeliveryStatusUpdate(platform.channel(), mid, DeliveryStatusUpdate.Status.READ, at, null));
            } else {
                ignored.add("read watermark without a message id");
            }
        } else {
            ignored.add("messaging event without a message, postback, delivery or read");
        }
    }

    private InboundMessage message(JsonNode event, JsonNode message, Instant at, JsonNode single) {
        String mid = MalformedPayload.required(message, "mid");
        List<String> lines = new ArrayList<>();
        JsonNode story = message.path("reply_to").path("story");
        if (!story.isMissingNode()) {
            lines.add("[Replied to your story] " + story.path("url").asText(""));
        }
        if (message.hasNonNull("text")) {
            lines.add(message.path("text").asText());
        }
        if (message.path("quick_reply").hasNonNull("payload")) {
            lines.add("[Quick reply] " + message.path("quick_reply").path("payload").asText());
        }
        List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>();
        List<PendingFile> pending = new ArrayList<>();
        int index = 0;
        for (JsonNode attachment : message.path("attachments")) {
            index++;
            String type = attachment.path("type").asText("unknown");
            String url = attachment.path("payload").path("url").asText(null);
            if (FILE_TYPES.contains(type) && url != null) {
                String note = ChannelFiles.fetchInto(sendApi::fetch, url, fileName(url, type, index), limits,
                        platform.displayName(), attachments, pending);
                if (note != null) {
                    lines.add(note);
                }
            } else if ("story_mention".equals(type)) {
                lines.add("[Mentioned you in their story] " + (url == null ? "" : url));
            } else {
                lines.add("[Shared " + type + "] " + (url == null ? attachment.path("payload").path("title").asText("") : url));
            }
        }
        if (message.path("is_unsupported").asBoolean(false)) {
            lines.add("[A " + platform.displayName() + " message that cannot be shown here]");
        }
        if (lines.isEmpty()) {
            throw new MalformedPayload("a message with neither text nor attachments");
        }
        String threadRef = message.path("reply_to").path("mid").asText(null);
        NormalizedMessage normalized = new NormalizedMessage(platform.channel(), mid, sender(event),
                String.join("\n", lines).strip(), attachments, at, threadRef);
        return new InboundMessage(normalized, List.of(), null, RawItem.ofJson(wrap(single)), pending);
    }

    /** The file's name as its CDN address ends (e.g. 12345_n.jpg), or its type and position in the message. */
    private static String fileName(String url, String type, int index) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException notAnAddress) {
            path = null;
        }
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.matches("[A-Za-z0-9._-]{1,120}\\.[A-Za-z0-9]{1,8}") ? last : type + "-" + index;
    }

    @Override
    public Optional<NormalizedMessage.InboundAttachment> fetchPendingFile(PendingFile file) throws IOException {
        return ChannelFiles.fetchPending(sendApi::fetch, file, limits, platform.displayName());
    }

    @Override
    public DeliveryReceipt deliver(OutboundMessage message) throws DeliveryFailure {
        return sendApi.send(message, platform);
    }

    /** The sender's page-scoped (Messenger) or Instagram-scoped id: Meta vouches for it, so it identifies them. */
    private NormalizedMessage.Sender sender(JsonNode event) {
        return new NormalizedMessage.Sender(null, null, senderOf(event), null, null);
    }

    private static String senderOf(JsonNode event) {
        return MalformedPayload.required(event.path("sender"), "id");
    }

    private JsonNode wrap(JsonNode entry) {
        ObjectNode payload = json.createObjectNode().put("object", platform.webhookObject());
        payload.putArray("entry").add(entry);
        return payload;
    }

    private static Instant epochMillis(JsonNode event) {
        JsonNode timestamp = event.path("timestamp");
        if (timestamp.isMissingNode() || timestamp.isNull()) {
            return null;
        }
        if (!timestamp.canConvertToLong() && !timestamp.asText().matches("\\d{1,15}")) {
            throw new MalformedPayload("timestamp must be epoch milliseconds");
        }
        return Instant.ofEpochMilli(timestamp.asLong());
    }
}
