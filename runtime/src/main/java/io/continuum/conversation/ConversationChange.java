package io.continuum.conversation;

import io.continuum.audit.Actor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One change a method of {@link Conversation} made: recorded in the audit log as {@code action}
 * by {@code actor}, with the state move it made (for the timeline) and the events it publishes.
 * {@link Conversations#save} turns pending changes into rows and outbox events in the caller's transaction.
 */
record ConversationChange(String action, Actor actor, Map<String, Object> before, Map<String, Object> after,
                          Optional<ConversationStateChange> stateMove, List<Publication> publications) {

    /** An event the change publishes on the outbox, keyed by the conversation. */
    record Publication(String topic, Map<String, Object> payload) {
    }

    static ConversationChange audited(String action, Actor actor, Map<String, Object> before, Map<String, Object> after) {
        return new ConversationChange(action, actor, before, after, Optional.empty(), List.of());
    }

    ConversationChange publishing(String topic, Map<String, Object> payload) {
        List<Publication> all = new java.util.ArrayList<>(publications);
        all.add(new Publication(topic, payload));
        return new ConversationChange(action, actor, before, after, stateMove, List.copyOf(all));
    }
}
