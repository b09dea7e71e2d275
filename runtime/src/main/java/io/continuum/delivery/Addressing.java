package io.continuum.delivery;

import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.whatsapp.WhatsAppConfig;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Direction;
import io.continuum.conversation.Message;
import io.continuum.identity.CustomerIdentifier;
import io.continuum.identity.IdentifierKind;
import io.continuum.identity.IdentityService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns a stored reply into what a channel needs: where the customer is, and the thread it continues. */
@ApplicationScoped
public class Addressing {

    /** WhatsApp accepts free text only within 24 hours of the customer's last message; after it, a template. */
    private static final Duration WHATSAPP_SERVICE_WINDOW = Duration.ofHours(24);
    private static final int MAX_REFERENCES = 10;

    private final IdentityService identity;
    private final WhatsAppConfig whatsApp;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final Clock clock;

    Addressing(IdentityService identity, WhatsAppConfig whatsApp, Conversations conversations,
               ConversationTimeline timeline, Clock clock) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.identity = identity;
        this.whatsApp = whatsApp;
        this.clock = clock;
    }

    /** The short token written where a channel can carry it (e-mail subject); the first 8 hex digits of the id. */
    public static String conversationToken(UUID conversationId) {
        return "C-" + conversationId.toString().substring(0, 8);
    }

    OutboundMessage.Recipient recipientOf(UUID customerId) {
        List<CustomerIdentifier> identifiers = identity.identifiersOf(customerId);
        String name = identity.find(customerId).map(customer -> customer.displayName).orElse(null);
        return new OutboundMessage.Recipient(name, latest(identifiers, IdentifierKind.EMAIL).orElse(null),
                latest(identifiers, IdentifierKind.PHONE).orElse(null),
                identifiers.stream().filter(id -> id.verified && IdentifierKind.DEVICE.wireName().equals(id.kind))
                        .map(id -> id.value).toList(),
                identifiers.stream().filter(id -> id.verified && IdentifierKind.SOCIAL.wireName().equals(id.kind))
                        .sorted(Comparator.comparing(id -> id.createdAt))
                        .collect(Collectors.toMap(id -> id.network, id -> id.value, (older, newer) -> newer)));
    }

    /** The address the customer typed most recently but no channel vouched for, if any. */
    Optional<String> claimedEmailOf(UUID customerId) {
        return identity.identifiersOf(customerId).stream()
                .filter(id -> !id.verified && IdentifierKind.EMAIL.wireName().equals(id.kind))
                .max(Comparator.comparing(id -> id.createdAt))
                .map(id -> id.value);
    }

    OutboundMessage address(Delivery delivery, Message message) {
        Conversation conversation = conversations.require(message.conversationId);
        List<Message> thread = timeline.threadOnChannel(message, delivery.channel);
        String inReplyTo = null;
        List<String> references = List.of();
        OutboundMessage.Template template = null;
        if (Channels.EMAIL.equals(delivery.channel)) {
            inReplyTo = thread.stream().filter(m -> Direction.INBOUND.wireName().equals(m.direction))
                    .reduce((first, second) -> second).map(m -> m.externalId).orElse(null);
            references = thread.stream().map(m -> m.externalId).skip(Math.max(0, thread.size() - MAX_REFERENCES)).toList();
        } else if (Channels.WHATSAPP.equals(delivery.channel) && whatsApp.reengagementTemplate().isPresent()) {
            boolean windowClosed = thread.stream().filter(m -> Direction.INBOUND.wireName().equals(m.direction))
                    .reduce((first, second) -> second)
                    .map(last -> last.receivedAt.plus(WHATSAPP_SERVICE_WINDOW).isBefore(clock.instant())).orElse(true);
            if (windowClosed) {
                template = new OutboundMessage.Template(whatsApp.reengagementTemplate().get(), whatsApp.templateLanguage(),
                        List.of(message.content));
            }
        }
        return new OutboundMessage(message.id, message.conversationId, delivery.channel, conversationToken(conversation.id),
                recipientOf(conversation.customerId), message.content, inReplyTo, references, template);
    }

    /** Replies go only where a channel vouched for the address: a claimed one may be somebody else's. */
    private static Optional<String> latest(List<CustomerIdentifier> identifiers, IdentifierKind kind) {
        return identifiers.stream().filter(id -> id.verified && kind.wireName().equals(id.kind))
                .max(Comparator.comparing(id -> id.createdAt))
                .map(id -> id.value);
    }
}
