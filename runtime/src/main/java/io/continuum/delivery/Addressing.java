package io.continuum.delivery;

import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.meta.MetaConfig;
import io.continuum.connectors.whatsapp.WhatsAppConfig;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Direction;
import io.continuum.conversation.Message;
import io.continuum.csat.CsatSurveys;
import io.continuum.identity.CustomerIdentifier;
import io.continuum.identity.IdentifierKind;
import io.continuum.identity.IdentityService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Turns a stored reply into what a channel needs: where the customer is, and the thread it continues. */
@ApplicationScoped
public class Addressing {

    private static final int MAX_REFERENCES = 10;

    private final IdentityService identity;
    private final WhatsAppConfig whatsApp;
    private final MetaConfig meta;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final CsatSurveys surveys;

    Addressing(IdentityService identity, WhatsAppConfig whatsApp, MetaConfig meta, Conversations conversations,
               ConversationTimeline timeline, CsatSurveys surveys) {
        this.surveys = surveys;
        this.conversations = conversations;
        this.timeline = timeline;
        this.identity = identity;
        this.whatsApp = whatsApp;
        this.meta = meta;
    }

    /** The short token written where a channel can carry it (e-mail subject); the first 8 hex digits of the id. */
    public static String conversationToken(UUID conversationId) {
        return "C-" + conversationId.toString().substring(0, 8);
    }

    /** Where the customer can be reached on {@code channel}: their social id is the one that channel gave them. */
    OutboundMessage.Recipient recipientOf(UUID customerId, String channel) {
        List<CustomerIdentifier> identifiers = identity.identifiersOf(customerId);
        String name = identity.find(customerId).map(customer -> customer.displayName).orElse(null);
        String socialId = identifiers.stream()
                .filter(id -> id.verified && IdentifierKind.SOCIAL.wireName().equals(id.kind) && channel.equals(id.network))
                .max(Comparator.comparing(id -> id.createdAt)).map(id -> id.value).orElse(null);
        return new OutboundMessage.Recipient(name, latest(identifiers, IdentifierKind.EMAIL).orElse(null),
                latest(identifiers, IdentifierKind.PHONE).orElse(null),
                identifiers.stream().filter(id -> id.verified && IdentifierKind.DEVICE.wireName().equals(id.kind))
                        .map(id -> id.value).toList(), socialId);
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
        } else if (ReplyMode.TEMPLATE.wireName().equals(delivery.replyMode)) {
            template = templateOn(delivery.channel, message.content);
        }
        return new OutboundMessage(message.id, message.conversationId, delivery.channel, conversationToken(conversation.id),
                recipientOf(conversation.customerId, delivery.channel), message.content, inReplyTo, references, template,
                surveys.carriedBy(message.id).orElse(null));
    }

    /**
     * What channel-reply.dmn's "template" means on the channel: WhatsApp's approved template with the reply as its
     * parameter, or Messenger's and Instagram's message tag.
     */
    private OutboundMessage.Template templateOn(String channel, String content) {
        if (Channels.WHATSAPP.equals(channel)) {
            return whatsApp.reengagementTemplate()
                    .map(name -> new OutboundMessage.Template(name, whatsApp.templateLanguage(), List.of(content)))
                    .orElse(null);
        }
        return new OutboundMessage.Template(meta.messageTag(), null, List.of(content));
    }

    /** Replies go only where a channel vouched for the address: a claimed one may be somebody else's. */
    private static Optional<String> latest(List<CustomerIdentifier> identifiers, IdentifierKind kind) {
        return identifiers.stream().filter(id -> id.verified && kind.wireName().equals(id.kind))
                .max(Comparator.comparing(id -> id.createdAt))
                .map(id -> id.value);
    }
}
