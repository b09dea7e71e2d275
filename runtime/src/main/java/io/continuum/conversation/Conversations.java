package io.continuum.conversation;

import io.continuum.audit.AuditTrail;
import io.continuum.events.Outbox;
import io.continuum.identity.CustomersMerged;
import io.continuum.identity.CustomersUnmerged;
import io.continuum.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The conversation feature's door for everyone else: finds conversations, and changes one by
 * calling a method of the {@link Conversation} aggregate under a row lock, then records what the
 * method changed (audit entries, state moves for the timeline, outbox events) in the same transaction.
 */
@ApplicationScoped
public class Conversations {

    private static final String ENTITY = "conversation";

    private final AuditTrail audit;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    Conversations(AuditTrail audit, Outbox outbox, EntityManager entityManager, Clock clock) {
        this.audit = audit;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Loads the conversation locked until the transaction ends (people and automation changing it at
     * the same moment take turns instead of failing on each other's version), applies the change and
     * saves what it recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Conversation change(UUID conversationId, BiConsumer<Conversation, Instant> change) {
        return apply(conversationId, (conversation, now) -> {
            change.accept(conversation, now);
            return conversation;
        });
    }

    /** Like {@link #change}, returning what the change method answered (e.g. whether an assignment took). */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T apply(UUID conversationId, BiFunction<Conversation, Instant, T> change) {
        Conversation conversation = requireForUpdate(conversationId);
        T result = change.apply(conversation, clock.instant());
        save(conversation);
        return result;
    }

    /** Like {@link #change}, for a conversation that may be gone (erased on request): then nothing happens. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changeIfPresent(UUID conversationId, BiConsumer<Conversation, Instant> change) {
        findForUpdate(conversationId)
                .ifPresent(conversation -> {
                    change.accept(conversation, clock.instant());
                    save(conversation);
                });
    }

    /** Persists a new conversation and records what its methods changed: the one audited-change path. */
    @Transactional(Transactional.TxType.MANDATORY)
    void save(Conversation conversation) {
        if (!conversation.isPersistent()) {
            conversation.persist();
        }
        for (ConversationChange change : conversation.drainChanges()) {
            change.stateMove().ifPresent(move -> move.persist());
            audit.record(ENTITY, conversation.id, change.action(), change.actor(), change.before(), change.after());
            change.publications().forEach(event -> outbox.publish(event.topic(), conversation.id, event.payload()));
        }
    }

    public Optional<Conversation> find(UUID id) {
        return Conversation.findByIdOptional(id);
    }

    public Conversation require(UUID id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Conversation", id));
    }

    /** The conversation locked until the transaction ends, if it exists (it may have been erased on request). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Conversation> findForUpdate(UUID id) {
        return Conversation.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** When the conversation entered the state it is in. */
    public Optional<Instant> enteredCurrentStateAt(UUID conversationId) {
        return Optional.ofNullable(entityManager.createQuery(
                        "select max(c.changedAt) from ConversationStateChange c where c.conversationId = ?1", Instant.class)
                .setParameter(1, conversationId).getSingleResult());
    }

    /**
     * Locks a conversation already read until the transaction ends, and reads it again: a change another
     * transaction committed in between is seen, and none can commit until this one ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Conversation lockForUpdate(Conversation conversation) {
        entityManager.refresh(conversation, LockModeType.PESSIMISTIC_WRITE);
        return conversation;
    }

    /** Loads the conversation locked until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Conversation requireForUpdate(UUID id) {
        return Conversation.<Conversation>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Conversation", id));
    }

    /** The one conversation whose id starts with these hex digits (a token quoted in an e-mail subject), if exactly one does. */
    public Optional<UUID> findByIdPrefix(String hexDigits) {
        @SuppressWarnings("unchecked")
        List<UUID> matches = entityManager.createNativeQuery(
                        "SELECT id FROM conversation WHERE CAST(id AS text) LIKE ?1 LIMIT 2", UUID.class)
                .setParameter(1, hexDigits + "%")
                .getResultList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** The customer's conversation with the latest message: the one their next message continues. */
    public Optional<Conversation> latestOfCustomer(UUID customerId) {
        return Conversation.<Conversation>find("customerId = ?1 order by lastMessageAt desc", customerId).firstResultOptional();
    }

    public List<UUID> idsOfCustomer(UUID customerId) {
        return entityManager.createQuery("select c.id from Conversation c where c.customerId = :customer", UUID.class)
                .setParameter("customer", customerId)
                .getResultList();
    }

    /** True once a person has replied, moved the conversation or been assigned: automation stops speaking for us. */
    public boolean humanInvolved(Conversation conversation) {
        return conversation.assignedAgentId != null
                || Message.count("conversationId = ?1 and direction = 'outbound' and author is not null and author not like 'ai:%'",
                conversation.id) > 0
                || ConversationStateChange.count("conversationId = ?1 and actor like 'human:%'", conversation.id) > 0;
    }

    /** Conversations not resolved, oldest first, after the cursor: for re-applying a policy. */
    public List<Conversation> unresolved(Optional<UUID> after, int limit) {
        return after.map(cursor -> Conversation.<Conversation>find("state <> 'resolved' and id > ?1 order by id", cursor))
                .orElseGet(() -> Conversation.find("state <> 'resolved' order by id"))
                .page(0, limit).list();
    }

    /** How a conversation stands or ended, as a list of many shows it; {@code resolvedReason} is what its resolver wrote. */
    public record Outcome(UUID conversationId, String intent, String state, Instant createdAt, Instant resolvedAt,
                          String resolvedReason, UUID resolutionId) {
    }

    /**
     * The outcomes of these conversations (one that is gone is absent), in two statements whatever their number and
     * without loading a conversation as an entity: a list of many would otherwise read each one, open its sealed
     * brief, and leave it for every later flush of the transaction to check.
     */
    public Map<UUID, Outcome> outcomesOf(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = entityManager.createQuery("""
                        select c.id, c.intent, c.state, c.createdAt, c.resolvedAt, c.resolutionId
                          from Conversation c where c.id in :ids""", Object[].class)
                .setParameter("ids", conversationIds).getResultList();
        Map<UUID, String> reasons = lastResolvedReasons(rows.stream().filter(row -> row[4] != null)
                .map(row -> (UUID) row[0]).toList());
        Map<UUID, Outcome> outcomes = new HashMap<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            outcomes.put(id, new Outcome(id, (String) row[1], (String) row[2], (Instant) row[3], (Instant) row[4],
                    reasons.get(id), (UUID) row[5]));
        }
        return outcomes;
    }

    /** The reason each conversation was last resolved with, where a reason was written; read-only, never flushed. */
    private static Map<UUID, String> lastResolvedReasons(List<UUID> resolvedIds) {
        if (resolvedIds.isEmpty()) {
            return Map.of();
        }
        List<ConversationStateChange> resolutions = ConversationStateChange.<ConversationStateChange>find(
                        "conversationId in ?1 and toState = ?2 order by changedAt", resolvedIds,
                        ConversationState.RESOLVED.wireName())
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
        Map<UUID, String> reasons = new HashMap<>();
        for (ConversationStateChange resolution : resolutions) {
            boolean written = resolution.reason != null && !resolution.reason.isBlank();
            reasons.put(resolution.conversationId, written ? resolution.reason : null);
        }
        return reasons;
    }

    public List<ConversationStateChange> stateChangesOf(UUID conversationId) {
        return ConversationStateChange.list("conversationId = ?1 order by changedAt", conversationId);
    }

    /** Filters for the conversation list; absent means any. */
    public record ListFilter(Optional<ConversationState> state, Optional<String> queue, Optional<String> assignee,
                             Optional<UUID> customerId) {
    }

    /** Newest first; the cursor is the last conversation of the previous page. */
    public List<Conversation> list(ListFilter filter, Optional<UUID> after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        filter.state().ifPresent(state -> {
            query.append(" and state = :state");
            parameters.and("state", state.wireName());
        });
        filter.queue().ifPresent(queue -> {
            query.append(" and queue = :queue");
            parameters.and("queue", queue);
        });
        filter.assignee().ifPresent(assignee -> {
            query.append(" and assignedAgentId = :assignee");
            parameters.and("assignee", assignee);
        });
        filter.customerId().ifPresent(customerId -> {
            query.append(" and customerId = :customerId");
            parameters.and("customerId", customerId);
        });
        after.flatMap(this::find).ifPresent(cursor -> {
            query.append(" and (createdAt < :cursorCreated or (createdAt = :cursorCreated and id < :cursorId))");
            parameters.and("cursorCreated", cursor.createdAt);
            parameters.and("cursorId", cursor.id);
        });
        query.append(" order by createdAt desc, id desc");
        return Conversation.<Conversation>find(query.toString(), parameters).page(0, limit).list();
    }

    void moveToSurvivor(@Observes CustomersMerged merge) {
        entityManager.createQuery("update Conversation set customerId = :survivor, movedByMergeId = :merge "
                        + "where customerId = :merged")
                .setParameter("survivor", merge.survivingId())
                .setParameter("merge", merge.mergeId())
                .setParameter("merged", merge.mergedId())
                .executeUpdate();
    }

    void moveBack(@Observes CustomersUnmerged unmerge) {
        entityManager.createQuery("update Conversation set customerId = :merged, movedByMergeId = null "
                        + "where movedByMergeId = :merge")
                .setParameter("merged", unmerge.mergedId())
                .setParameter("merge", unmerge.mergeId())
                .executeUpdate();
    }
}
