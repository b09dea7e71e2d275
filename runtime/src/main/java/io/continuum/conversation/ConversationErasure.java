package io.continuum.conversation;

import io.continuum.conversation.attachment.ObjectStore;
import io.continuum.platform.AfterTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The conversation side of erasing customers: their conversations stay as shells (ids, states,
 * channels, timestamps, SLA figures, queue, intent, severity) and their messages and notes stay
 * sealed under a key that no longer exists; what was derived from their words in clear goes: the AI's
 * annotations, the hand-off brief, the reasons written with state changes, and the attachments.
 * Retention's redaction of a single conversation ({@link ConversationRetention}) removes the same.
 */
@ApplicationScoped
public class ConversationErasure {

    private static final Logger LOG = Logger.getLogger(ConversationErasure.class);

    private final EntityManager entityManager;
    private final ObjectStore objectStore;
    private final TransactionSynchronizationRegistry transactions;
    private final SearchTerms searchTerms;

    ConversationErasure(EntityManager entityManager, ObjectStore objectStore, TransactionSynchronizationRegistry transactions,
                        SearchTerms searchTerms) {
        this.entityManager = entityManager;
        this.objectStore = objectStore;
        this.transactions = transactions;
        this.searchTerms = searchTerms;
    }

    /** @return the conversations of the customers, now shells */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> forget(Set<UUID> customerIds) {
        List<UUID> conversations = Conversation.<Conversation>list("customerId in ?1", customerIds).stream()
                .map(conversation -> conversation.id).toList();
        if (conversations.isEmpty()) {
            return conversations;
        }
        Conversation.update("sealedHandoffBrief = null where id in ?1", conversations);
        forgetDerivedText(conversations);
        return conversations;
    }

    /** What was derived from the customer's words: AI annotations, state-change reasons, attachments, search terms. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    void forgetDerivedText(List<UUID> conversations) {
        ConversationStateChange.update("sealedReason = null where conversationId in ?1", conversations);
        searchTerms.forget(conversations);
        entityManager.createNativeQuery("UPDATE message SET ai_annotations = '{}' WHERE conversation_id = ANY(?1)")
                .setParameter(1, conversations.toArray(UUID[]::new)).executeUpdate();
        List<String> onlyTheirs = entityManager.createNativeQuery("""
                        SELECT DISTINCT a.storage_key FROM attachment a JOIN message m ON m.id = a.message_id
                         WHERE m.conversation_id = ANY(?1)
                           AND NOT EXISTS (SELECT 1 FROM attachment b JOIN message n ON n.id = b.message_id
                                            WHERE b.storage_key = a.storage_key AND NOT n.conversation_id = ANY(?1))""")
                .setParameter(1, conversations.toArray(UUID[]::new)).getResultList();
        entityManager.createNativeQuery("""
                        DELETE FROM attachment WHERE message_id IN (SELECT id FROM message WHERE conversation_id = ANY(?1))""")
                .setParameter(1, conversations.toArray(UUID[]::new)).executeUpdate();
        deleteFilesAfterCommit(onlyTheirs);
    }

    /** Files go once the rows that name them are gone for good; a rolled-back erasure keeps them. */
    private void deleteFilesAfterCommit(List<String> storageKeys) {
        AfterTransaction.onCommit(transactions, () -> {
            for (String key : storageKeys) {
                try {
                    objectStore.delete(key);
                } catch (RuntimeException e) {
                    LOG.errorf("Attachment %s of an erased customer could not be deleted: %s", key, e.getClass().getName());
                }
            }
        });
    }
}
