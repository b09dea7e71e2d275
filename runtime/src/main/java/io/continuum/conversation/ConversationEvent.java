package io.continuum.conversation;

import java.util.UUID;

/**
 * What a conversation publishes on the outbox, keyed by the conversation; consumers read these
 * component names as the payload's JSON keys.
 */
public sealed interface ConversationEvent {

    /** On {@code Topics.CONVERSATION_CREATED}: the customer's first message (or the first after the reopen window). */
    record Created(UUID conversationId, UUID customerId, String channel, UUID previousConversationId)
            implements ConversationEvent {
    }

    /**
     * On {@code Topics.CONVERSATION_STATE_CHANGED} (and {@code CONVERSATION_ESCALATED}); {@code actor} is "type:name".
     * The reason stays in the timeline, sealed: a person's reason may quote the customer.
     */
    record StateChanged(UUID conversationId, String from, String to, String actor)
            implements ConversationEvent {
    }

    /** On {@code Topics.CONVERSATION_ASSIGNED}; {@code by} is "type:name". */
    record Assigned(UUID conversationId, String agentId, String by) implements ConversationEvent {
    }

    /** On {@code Topics.MESSAGE_SENT}: we wrote to the customer. */
    record MessageSent(UUID messageId, UUID conversationId, String channel, String author) implements ConversationEvent {
    }
}
