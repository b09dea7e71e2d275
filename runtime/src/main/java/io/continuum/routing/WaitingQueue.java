package io.continuum.routing;

import io.continuum.platform.NativeStatements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversations waiting for an agent (table {@code routing_queue_entry}), served in
 * time-to-breach order, then priority, then arrival. A router claims a row FOR UPDATE SKIP LOCKED,
 * so two routers never take the same conversation. Every statement on the table lives here.
 */
@ApplicationScoped
public class WaitingQueue {

    /** The columns of an entry, in the order {@link #entry(Object[])} reads them. */
    private static final String ENTRY = "q.conversation_id, q.queue, q.channel, array_to_string(q.required_skills, ','), "
            + "q.priority, q.breach_at, q.enqueued_at, q.process_instance_id";
    /** Service order: the one that breaches first, then the higher priority, then the one waiting longest. */
    private static final String SERVICE_ORDER = "q.breach_at, q.priority, q.enqueued_at";

    /**
     * Claims one waiting conversation (?1 its id) for push routing. Public, like {@link #CLAIM_MOST_URGENT_FOR},
     * so that bench/routing.sh measures this very statement.
     */
    public static final String CLAIM = "SELECT " + ENTRY
            + " FROM routing_queue_entry q WHERE q.conversation_id = ?1 FOR UPDATE SKIP LOCKED";
    /**
     * Claims the most urgent waiting conversation an agent (?1 their id) qualifies for and has a free slot for:
     * the queue is read in service order until one matches a channel with a free slot and the agent's skills
     * (as their load rows carry them). An agent with no free slot at all is answered before the queue is read
     * (the uncorrelated EXISTS is a one-time filter), instead of after reading all of it.
     */
    public static final String CLAIM_MOST_URGENT_FOR = "SELECT " + ENTRY + ", l.active, l.capacity"
            + " FROM routing_queue_entry q"
            + " JOIN agent_channel_load l ON l.agent_id = ?1 AND l.channel = q.channel AND l.active < l.capacity"
            + " WHERE q.required_skills <@ l.routing_skills"
            + " AND EXISTS (SELECT 1 FROM agent_channel_load free WHERE free.agent_id = ?1 AND free.active < free.capacity)"
            + " ORDER BY " + SERVICE_ORDER + " LIMIT 1 FOR UPDATE OF q SKIP LOCKED";

    /** A conversation waits for an agent; routing tries to place it once the caller's transaction commits. */
    public record ConversationQueued(UUID conversationId) {
    }

    /** The most urgent entry an agent qualifies for, with the agent's load on its channel. */
    record ClaimedForAgent(QueueEntry entry, int load, int capacity) {
    }

    private final EntityManager entityManager;
    private final Event<ConversationQueued> queued;

    WaitingQueue(EntityManager entityManager, Event<ConversationQueued> queued) {
        this.entityManager = entityManager;
        this.queued = queued;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(QueueEntry entry) {
        NativeStatements.touching(entityManager, """
                        INSERT INTO routing_queue_entry (conversation_id, queue, channel, required_skills, priority, breach_at,
                                                         enqueued_at, process_instance_id)
                        VALUES (?1, ?2, ?3, string_to_array(?4, ','), ?5, ?6, ?7, ?8)
                        ON CONFLICT (conversation_id) DO UPDATE SET queue = excluded.queue, channel = excluded.channel,
                            required_skills = excluded.required_skills, priority = excluded.priority,
                            breach_at = excluded.breach_at, process_instance_id = excluded.process_instance_id""",
                        "routing_queue_entry")
                .setParameter(1, entry.conversationId()).setParameter(2, entry.queue()).setParameter(3, entry.channel())
                .setParameter(4, String.join(",", entry.requiredSkills())).setParameter(5, entry.priority())
                .setParameter(6, entry.breachAt()).setParameter(7, entry.enqueuedAt())
                .setParameter(8, entry.processInstanceId())
                .executeUpdate();
        queued.fire(new ConversationQueued(entry.conversationId()));
    }

    /** Waiting conversations in service order, optionally of one queue. */
    public List<QueueEntry> waiting(Optional<String> queue, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT " + ENTRY
                        + " FROM routing_queue_entry q WHERE (?1 = '' OR q.queue = ?1)"
                        + " ORDER BY " + SERVICE_ORDER + " LIMIT ?2")
                .setParameter(1, queue.orElse("")).setParameter(2, limit).getResultList();
        return rows.stream().map(WaitingQueue::entry).toList();
    }

    /** Moves a waiting conversation (queue, priority) as escalation rules ask; false when it is not waiting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean requeue(UUID conversationId, String queue, int priority) {
        return entityManager.createNativeQuery("UPDATE routing_queue_entry SET queue = ?2, priority = ?3 WHERE conversation_id = ?1")
                .setParameter(1, conversationId).setParameter(2, queue).setParameter(3, priority).executeUpdate() > 0;
    }

    /** The conversation's entry, locked for this transaction; empty when another router holds it or it is not waiting. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<QueueEntry> claim(UUID conversationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(CLAIM)
                .setParameter(1, conversationId).getResultList();
        return rows.stream().findFirst().map(WaitingQueue::entry);
    }

    /** The most urgent waiting conversation the agent's skills cover and has a free slot for, locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<ClaimedForAgent> claimMostUrgentFor(UUID agentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(CLAIM_MOST_URGENT_FOR)
                .setParameter(1, agentId).getResultList();
        return rows.stream().findFirst().map(row -> new ClaimedForAgent(entry(row), ((Number) row[8]).intValue(),
                ((Number) row[9]).intValue()));
    }

    /** The conversation no longer waits (assigned, or resolved). */
    @Transactional(Transactional.TxType.MANDATORY)
    void remove(UUID conversationId) {
        entityManager.createNativeQuery("DELETE FROM routing_queue_entry WHERE conversation_id = ?1")
                .setParameter(1, conversationId).executeUpdate();
    }

    private static QueueEntry entry(Object[] row) {
        String skills = (String) row[3];
        return new QueueEntry((UUID) row[0], (String) row[1], (String) row[2],
                skills == null || skills.isEmpty() ? List.of() : new ArrayList<>(List.of(skills.split(","))),
                ((Number) row[4]).intValue(), instant(row[5]), instant(row[6]), (String) row[7]);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
