package io.continuum.conversation;

import io.continuum.audit.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversation side of retention: which conversations still hold what the customer said, and redacting
 * one. A redacted conversation stays as a shell (ids, states, channels, timestamps, SLA figures), so metrics
 * stay right; its messages and notes read {@link #REDACTED} and whatever an erasure deletes goes with them.
 */
@ApplicationScoped
public class ConversationRetention {

    /** What a redacted message or note reads. */
    public static final String REDACTED = "[redacted]";

    private final Conversations conversations;
    private final ConversationErasure erasure;

    ConversationRetention(Conversations conversations, ConversationErasure erasure) {
        this.conversations = conversations;
        this.erasure = erasure;
    }

    /**
     * Conversations whose content is still held, by id after the cursor. Their last activity is
     * {@link Conversation#updatedAt}, moved by every message, reply and state change.
     */
    public List<Conversation> withContent(Optional<UUID> after, int limit) {
        return after.map(cursor -> Conversation.<Conversation>find("contentRedactedAt is null and id > ?1 order by id", cursor))
                .orElseGet(() -> Conversation.find("contentRedactedAt is null order by id"))
                .page(0, limit).list();
    }

    public long countWithContent() {
        return Conversation.count("contentRedactedAt is null");
    }

    /**
     * Every message and note of the conversation reads {@link #REDACTED}; AI annotations, state-change reasons,
     * the hand-off brief and attachments go. The customer stays.
     * @return false when it was already redacted (nothing is done twice)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean redactContent(UUID conversationId, Actor actor) {
        boolean redacting = conversations.apply(conversationId, (conversation, now) -> {
            if (conversation.contentRedactedAt != null) {
                return false;
            }
            conversation.redactContent(actor, now);
            return true;
        });
        if (redacting) {
            Message.update("sealedContent = ?1 where conversationId = ?2", REDACTED, conversationId);
            ConversationNote.update("sealedContent = ?1 where conversationId = ?2", REDACTED, conversationId);
            erasure.forgetDerivedText(List.of(conversationId));
        }
        return redacting;
    }
}
