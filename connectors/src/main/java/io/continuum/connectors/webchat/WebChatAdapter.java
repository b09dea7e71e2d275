package io.continuum.connectors.webchat;

import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.regex.Pattern;

/** Web chat: the widget's messages in, replies pushed over the visitor's open sockets. */
@ApplicationScoped
public class WebChatAdapter implements ChannelAdapter<VisitorMessage> {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final WebChatSessions sessions;

    WebChatAdapter(WebChatSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String channel() {
        return Channels.WEB_CHAT;
    }

    @Override
    public InboundBatch normalise(VisitorMessage message) {
        if (message.visitorId() == null || !ID.matcher(message.visitorId()).matches()) {
            throw new MalformedPayload("visitorId must be 8 to 64 letters, digits, '-' or '_'");
        }
        if (message.clientMessageId() == null || !ID.matcher(message.clientMessageId()).matches()) {
            throw new MalformedPayload("clientMessageId must be 8 to 64 letters, digits, '-' or '_'");
        }
        String email = message.email() == null || message.email().isBlank() ? null : message.email().trim();
        String name = message.name() == null || message.name().isBlank() ? null : message.name().trim();
        var sender = new NormalizedMessage.Sender(email, null, message.siteUserId(), name, message.visitorId(),
                email != null && message.emailVerified());
        return InboundBatch.of(InboundBatch.InboundMessage.plain(new NormalizedMessage(Channels.WEB_CHAT,
                externalIdPrefix(message.visitorId()) + message.clientMessageId(), sender, message.content(), List.of(),
                message.sentAt(), null)));
    }

    /** Every message a visitor's device sent has an external id starting with this. */
    public static String externalIdPrefix(String visitorId) {
        return "webchat:" + visitorId + ":";
    }

    @Override
    public DeliveryReceipt deliver(OutboundMessage message) throws DeliveryFailure {
        if (message.to().deviceIds().isEmpty()) {
            throw new DeliveryFailure(DeliveryFailure.Kind.UNREACHABLE, "the customer has never chatted");
        }
        boolean pushed;
        try {
            pushed = sessions.push(message);
        } catch (RuntimeException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "web chat push failed: " + e.getClass().getSimpleName(), e);
        }
        if (!pushed) {
            throw new DeliveryFailure(DeliveryFailure.Kind.UNREACHABLE, "the visitor has no active chat");
        }
        return new DeliveryReceipt("webchat:" + message.messageId());
    }
}
