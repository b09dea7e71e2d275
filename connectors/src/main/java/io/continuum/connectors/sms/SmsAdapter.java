package io.continuum.connectors.sms;

import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
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
import io.continuum.connectors.channel.ReferencedFiles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio SMS/MMS: an inbound message or a status callback per webhook in, the Messages API out
 * ({@link TwilioMessagesClient}). MMS media are downloaded with the message, up to the attachment limit.
 */
@ApplicationScoped
public class SmsAdapter implements ChannelAdapter<TwilioForm> {

    private static final Logger LOG = Logger.getLogger(SmsAdapter.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Twilio's statuses before "sent": the message is still with Twilio, nothing to report yet. */
    private static final Set<String> NOT_YET_SENT = Set.of("accepted", "scheduled", "queued", "sending");
    /** Twilio allows at most 10 media per MMS; a larger count is not a Twilio webhook. */
    private static final int MAX_MEDIA = 10;

    private final TwilioConfig config;
    private final TwilioMessagesClient messages;
    private final ChannelLimits limits;

    SmsAdapter(TwilioConfig config, TwilioMessagesClient messages, ChannelLimits limits) {
        this.config = config;
        this.messages = messages;
        this.limits = limits;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.authToken().isEmpty() || config.publicUrl().isEmpty()) {
            LOG.warn("Twilio SMS: continuum.twilio.auth-token or continuum.twilio.public-url is not set; "
                    + "every webhook on /webhooks/twilio/sms is refused");
        }
    }

    @Override
    public String channel() {
        return Channels.SMS;
    }

    /** A status callback names the message's status ({@code MessageStatus}); an inbound message does not. */
    @Override
    public InboundBatch normalise(TwilioForm form) {
        try {
            if (form.get("MessageStatus") != null) {
                return status(form);
            }
            return InboundBatch.of(message(form));
        } catch (MalformedPayload bad) {
            String sid = form.get("MessageSid");
            String reference = form.get("MessageStatus") == null || sid == null ? sid : "status:" + sid + ":" + form.get("MessageStatus");
            return InboundBatch.rejecting(new Rejected(Channels.SMS, reference, bad.getMessage(), new RawItem(form.encoded(), FORM)));
        }
    }

    @Override
    public InboundBatch normaliseRaw(byte[] raw) {
        return normalise(TwilioForm.parse(raw));
    }

    private InboundBatch status(TwilioForm form) {
        String sid = required(form, "MessageSid");
        String given = form.get("MessageStatus");
        DeliveryStatusUpdate.Status status = switch (given) {
            case "sent" -> DeliveryStatusUpdate.Status.SENT;
            case "delivered" -> DeliveryStatusUpdate.Status.DELIVERED;
            case "read" -> DeliveryStatusUpdate.Status.READ;
            case "undelivered", "failed", "canceled" -> DeliveryStatusUpdate.Status.FAILED;
            default -> null;
        };
        if (status == null) {
            if (NOT_YET_SENT.contains(given)) {
                return InboundBatch.ignoring("sms status " + given);
            }
            throw new MalformedPayload("unknown MessageStatus '" + given + "'");
        }
        String reason = status == DeliveryStatusUpdate.Status.FAILED
                ? given + (form.get("ErrorCode") == null ? "" : " (Twilio error " + form.get("ErrorCode") + ")") : null;
        return new InboundBatch(List.of(), List.of(new DeliveryStatusUpdate(Channels.SMS, sid, status, null, reason)), List.of());
    }

    private InboundMessage message(TwilioForm form) {
        String sid = required(form, "MessageSid");
        String from = required(form, "From");
        int mediaCount;
        try {
            mediaCount = form.get("NumMedia") == null ? 0 : Integer.parseInt(form.get("NumMedia"));
        } catch (NumberFormatException e) {
            throw new MalformedPayload("NumMedia must be a number");
        }
        if (mediaCount < 0 || mediaCount > MAX_MEDIA) {
            throw new MalformedPayload("NumMedia must be between 0 and " + MAX_MEDIA);
        }
        List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>();
        List<PendingFile> pending = new ArrayList<>();
        List<String> text = new ArrayList<>();
        Optional.ofNullable(form.get("Body")).ifPresent(text::add);
        for (int i = 0; i < mediaCount; i++) {
            String url = required(form, "MediaUrl" + i);
            String fileName = fileName(sid, i, form.get("MediaContentType" + i));
            ReferencedFiles.fetchInto(messages::fetchMedia, limits, url, fileName, attachments, pending).ifPresent(text::add);
        }
        String content = String.join("\n", text);
        var sender = new NormalizedMessage.Sender(null, from, null, null, null);
        NormalizedMessage message = new NormalizedMessage(Channels.SMS, sid, sender, content, attachments, null, null);
        return new InboundMessage(message, List.of(), null, new RawItem(form.encoded(), FORM), pending);
    }

    private static String fileName(String sid, int index, String contentType) {
        String subtype = contentType == null || !contentType.contains("/") ? "bin"
                : contentType.substring(contentType.indexOf('/') + 1).replaceAll("[^A-Za-z0-9]", "");
        return "mms-" + sid + "-" + index + "." + (subtype.isEmpty() ? "bin" : subtype);
    }

    @Override
    public Optional<NormalizedMessage.InboundAttachment> fetchPendingFile(PendingFile file) throws IOException {
        return ReferencedFiles.fetchPending(messages::fetchMedia, limits, file);
    }

    private static String required(TwilioForm form, String field) {
        String value = form.get(field);
        if (value == null) {
            throw new MalformedPayload("missing '" + field + "'");
        }
        return value;
    }

    @Override
    public DeliveryReceipt deliver(OutboundMessage message) throws DeliveryFailure {
        if (message.to().phone() == null) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "the customer has no verified phone number");
        }
        return messages.send(message);
    }
}
