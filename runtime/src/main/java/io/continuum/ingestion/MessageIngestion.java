package io.continuum.ingestion;

import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.conversation.Conversation;
import io.continuum.connectors.channel.InboundSink.Accepted;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Message;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.identity.IdentityService;
import io.continuum.identity.ResolvedSender;
import io.continuum.platform.AdvisoryLocks;
import io.continuum.platform.ConcurrentUpdates;
import io.continuum.problem.ConcurrentUpdate;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.exception.ConstraintViolationException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The inbound pipeline, in one transaction: dedupe by (channel, external id) → resolve the
 * sender's identity → find or open the conversation → persist the message → outbox
 * {@code message.received}. A caller that gets a result knows the message is committed.
 */
@ApplicationScoped
public class MessageIngestion {

    /**
     * Published on {@code Topics.MESSAGE_RECEIVED} for every new inbound message; {@code opensConversation} when the
     * conversation was opened for it (the consumers that match a conversation's first message once it is triaged
     * skip it here without reading the timeline).
     */
    record MessageReceived(UUID messageId, UUID conversationId, UUID customerId, String channel, String tier,
                           List<UUID> mergeIds, boolean opensConversation) {
    }

    private final IdentityService identity;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final AdvisoryLocks locks;
    private final Outbox outbox;

    MessageIngestion(IdentityService identity, Conversations conversations, ConversationTimeline timeline,
                     AdvisoryLocks locks, Outbox outbox) {
        this.identity = identity;
        this.conversations = conversations;
        this.timeline = timeline;
        this.locks = locks;
        this.outbox = outbox;
    }

    public Accepted ingest(NormalizedMessage message) {
        validate(message);
        // another node or thread changed the same customer or conversation at the same moment, or stored the same
        // new identifier first: the next attempt sees its commit
        return ConcurrentUpdates.inNewTransaction(() -> ingestInTransaction(message),
                error -> ConcurrentUpdate.causes(error) || causedByUniqueKey(error));
    }

    private Accepted ingestInTransaction(NormalizedMessage inbound) {
        locks.lock("message:" + inbound.channel() + ":" + inbound.externalId());
        var existing = timeline.findMessage(inbound.channel(), inbound.externalId());
        if (existing.isPresent()) {
            Message message = existing.get();
            Conversation conversation = conversations.require(message.conversationId);
            return new Accepted(message.id, conversation.id, conversation.customerId, true);
        }
        UUID messageId = UUID.randomUUID();
        ResolvedSender sender = identity.resolve(inbound.from(), inbound.channel(), messageId);
        ConversationTimeline.InboundConversation goesTo = timeline.conversationForInbound(sender.customerId(),
                inbound.channel(), inbound.threadRef());
        Conversation conversation = goesTo.conversation();
        Message message = timeline.appendInbound(conversation, messageId, sender.customerId(), inbound);

        outbox.publish(Topics.MESSAGE_RECEIVED, conversation.id, new MessageReceived(message.id, conversation.id,
                sender.customerId(), inbound.channel(), sender.tier().wireName(), sender.mergeIds(), goesTo.opened()));
        return new Accepted(message.id, conversation.id, sender.customerId(), false);
    }

    private void validate(NormalizedMessage message) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (message.channel() == null || !Channels.ALL.contains(message.channel())) {
            errors.add(Problem.FieldError.ofField("channel", "must be one of " + Channels.ALL.stream().sorted().toList()));
        }
        if (message.externalId() == null || message.externalId().isBlank()) {
            errors.add(Problem.FieldError.ofField("externalId", "must not be blank"));
        }
        if (message.from() == null) {
            errors.add(Problem.FieldError.ofField("from", "must name the sender"));
        }
        boolean hasContent = message.content() != null && !message.content().isBlank();
        if (!hasContent && message.attachments().isEmpty()) {
            errors.add(Problem.FieldError.ofField("content", "must not be blank unless there are attachments"));
        }
        for (int i = 0; i < message.attachments().size(); i++) {
            var attachment = message.attachments().get(i);
            if (attachment.fileName() == null || attachment.fileName().isBlank()) {
                errors.add(Problem.FieldError.ofField("attachments[" + i + "].fileName", "must not be blank"));
            }
            if (attachment.content() == null) {
                errors.add(Problem.FieldError.ofField("attachments[" + i + "].content", "must be base64 file content"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The message has invalid fields")
                    .withErrors(errors));
        }
        if (hasContent) {
            timeline.checkContent(message.content());
        }
    }

    private static boolean causedByUniqueKey(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
