package io.continuum.delivery;

import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.meta.MetaConfig;
import io.continuum.connectors.whatsapp.WhatsAppConfig;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Direction;
import io.continuum.conversation.Message;
import io.continuum.decisions.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The live {@code channel-reply} decision table (decision-tables/channel-reply.dmn): whether a reply may go
 * free-form on its channel, as a template or message tag, by e-mail, or not at all, so that messaging windows
 * (WhatsApp, Messenger, Instagram: 24 hours after the customer's last message) are kept for every outbound
 * message, whoever wrote it. Its inputs are built here and nowhere else.
 */
@ApplicationScoped
public class ChannelReplyPolicy {

    public static final String NAME = "channel-reply";

    /** What channel-reply.dmn reads, named as its input columns; {@code hoursSinceCustomerWrote} null: never wrote on it. */
    public record Inputs(String channel, Long hoursSinceCustomerWrote, String replyKind, boolean templateAvailable,
                         boolean emailKnown) {
    }

    private final DecisionService decisions;
    private final ConversationTimeline timeline;
    private final Addressing addressing;
    private final WhatsAppConfig whatsApp;
    private final MetaConfig meta;
    private final Clock clock;

    ChannelReplyPolicy(DecisionService decisions, ConversationTimeline timeline, Addressing addressing,
                       WhatsAppConfig whatsApp, MetaConfig meta, Clock clock) {
        this.decisions = decisions;
        this.timeline = timeline;
        this.addressing = addressing;
        this.whatsApp = whatsApp;
        this.meta = meta;
        this.clock = clock;
    }

    /** Decides how the reply may go, logged in the decision log with the conversation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReplyMode decide(Message reply, UUID customerId) {
        return ReplyMode.fromOutput(decisions.decide(NAME, inputsOf(reply, customerId), reply.conversationId).output(NAME));
    }

    Inputs inputsOf(Message reply, UUID customerId) {
        Long hours = timeline.threadOnChannel(reply, reply.channel).stream()
                .filter(message -> Direction.INBOUND.wireName().equals(message.direction))
                .reduce((first, second) -> second)
                .map(last -> Duration.between(last.receivedAt, clock.instant()).toHours())
                .orElse(null);
        return new Inputs(reply.channel, hours, replyKind(reply.author), templateAvailable(reply.channel),
                addressing.recipientOf(customerId, Channels.EMAIL).email() != null);
    }

    /**
     * "ai:…" authors are the first-contact AI; "system:…" (Resolution updates, surveys) and "rule:…" (the
     * automations table's template replies) are automated; any other is a person, the only author Meta's
     * HUMAN_AGENT tag may carry.
     */
    static String replyKind(String author) {
        if (author != null && author.startsWith("ai:")) {
            return "ai-reply";
        }
        return author != null && (author.startsWith("system:") || author.startsWith("rule:")) ? "automated-update" : "agent-reply";
    }

    private boolean templateAvailable(String channel) {
        if (Channels.WHATSAPP.equals(channel)) {
            return whatsApp.reengagementTemplate().filter(name -> !name.isBlank()).isPresent();
        }
        return (Channels.MESSENGER.equals(channel) || Channels.INSTAGRAM.equals(channel)) && !meta.messageTag().isBlank();
    }
}
