package io.continuum.routing;

import io.continuum.audit.Actor;
import io.continuum.conversation.ConversationService;
import io.continuum.decisions.DecisionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who answers which conversation. Candidates are available agents whose skills (languages
 * included) cover the conversation's required skills and who have a free slot on its channel;
 * the least loaded wins (ties: the one available longest). Waiting conversations are served in
 * time-to-breach order, then priority. Push: a conversation is offered to the best agent when it
 * is queued, and an agent who frees up or becomes available gets the most urgent waiting one.
 * Pull: an agent asks for the next one. Every assignment is logged with its explanation.
 *
 * <p>No conversation goes to two agents: its queue row is claimed FOR UPDATE SKIP LOCKED (a racing
 * router skips it), the conversation row is locked while the assignee is set only if none is, and
 * a partial unique index allows one active assignment per conversation. Agent slots are taken by
 * a conditional UPDATE (active &lt; capacity), so capacity holds under races too.
 */
@ApplicationScoped
public class RoutingEngine {

    /** The name assignments carry in the decision log. */
    public static final String DECIDER = "agent-assignment";
    static final int DECIDER_VERSION = 1;
    private static final int CANDIDATES_SHOWN = 10;
    private static final Logger LOG = Logger.getLogger(RoutingEngine.class);

    private final EntityManager entityManager;
    private final ConversationService conversations;
    private final DecisionService decisions;
    private final HandoffTasks tasks;
    private final Event<ConversationQueued> queued;
    private final ManagedExecutor executor;
    private final Clock clock;

    RoutingEngine(EntityManager entityManager, ConversationService conversations, DecisionService decisions,
                  HandoffTasks tasks, Event<ConversationQueued> queued, ManagedExecutor executor, Clock clock) {
        this.entityManager = entityManager;
        this.conversations = conversations;
        this.decisions = decisions;
        this.tasks = tasks;
        this.queued = queued;
        this.executor = executor;
        this.clock = clock;
    }

    /** A conversation waits for an agent; routing tries to place it once the caller's transaction commits. */
    public record ConversationQueued(UUID conversationId) {
    }

    /** What waits in the queue: the conversation's routing facts, recorded by first contact. */
    public record QueueEntry(UUID conversationId, String queue, String channel, List<String> requiredSkills,
                             int priority, Instant breachAt, Instant enqueuedAt, String processInstanceId) {
    }

    /** An agent qualified for a conversation, with its load on the conversation's channel. */
    public record Candidate(UUID agentId, String username, int load, int capacity) {
    }

    public record Assignment(UUID conversationId, UUID agentId, String username, String by) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(QueueEntry entry) {
        entityManager.createNativeQuery("""
                        INSERT INTO routing_queue_entry (conversation_id, queue, channel, required_skills, priority, breach_at,
                                                         enqueued_at, process_instance_id)
                        VALUES (?1, ?2, ?3, string_to_array(?4, ','), ?5, ?6, ?7, ?8)
                        ON CONFLICT (conversation_id) DO UPDATE SET queue = excluded.queue, channel = excluded.channel,
                            required_skills = excluded.required_skills, priority = excluded.priority,
                            breach_at = excluded.breach_at, process_instance_id = excluded.process_instance_id""")
                .setParameter(1, entry.conversationId()).setParameter(2, entry.queue()).setParameter(3, entry.channel())
                .setParameter(4, String.join(",", entry.requiredSkills())).setParameter(5, entry.priority())
                .setParameter(6, entry.breachAt()).setParameter(7, entry.enqueuedAt())
                .setParameter(8, entry.processInstanceId())
                .executeUpdate();
        queued.fire(new ConversationQueued(entry.conversationId()));
    }

    /** Routed off the committing thread, so the event relay that handed the conversation off is not held up. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConversationQueued event) {
        executor.execute(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> dispatch(event.conversationId()));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Routing conversation %s failed; it stays queued for the next free agent", event.conversationId());
            }
        });
    }

    void onFreed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Agents.AgentFreed event) {
        executor.execute(() -> fillCapacity(event.agentId()));
    }

    /** Push to an agent who can take work: the most urgent matching conversations until their slots are full. */
    public int fillCapacity(UUID agentId) {
        int assigned = 0;
        try {
            while (QuarkusTransaction.requiringNew().call(() -> pullNext(agentId, "routing:push")).isPresent()) {
                assigned++;
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Offering work to agent %s failed", agentId);
        }
        return assigned;
    }

    /**
     * Push: gives a waiting conversation to the best candidate. Empty when another router holds
     * its queue row, it is no longer queued, or no agent qualifies now (it stays queued).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Assignment> dispatch(UUID conversationId) {
        long started = System.nanoTime();
        Optional<QueueEntry> claimed = claimEntry(conversationId);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        QueueEntry entry = claimed.get();
        List<Candidate> candidates = candidates(entry.channel(), entry.requiredSkills(), CANDIDATES_SHOWN);
        for (Candidate candidate : candidates) {
            if (takeSlot(candidate.agentId(), entry.channel())) {
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("considered", candidates.stream().map(RoutingEngine::describe).toList());
                why.put("qualifiedAvailable", countCandidates(entry.channel(), entry.requiredSkills()));
                return Optional.of(assign(entry, candidate, "routing:push", "least-loaded-available-agent",
                        "Of the available agents whose skills cover " + entry.requiredSkills() + " with a free "
                                + entry.channel() + " slot, " + candidate.username() + " had the least active load ("
                                + candidate.load() + " of " + candidate.capacity() + ")",
                        why, started));
            }
        }
        return Optional.empty();
    }

    /** Pull: the most urgent waiting conversation this agent qualifies for and has a free slot for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Assignment> pullNext(UUID agentId, String by) {
        long started = System.nanoTime();
        Agent agent = Agent.findById(agentId);
        if (agent == null || agent.agentStatus() == AgentStatus.OFFLINE
                || ("routing:push".equals(by) && agent.agentStatus() != AgentStatus.AVAILABLE)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT q.conversation_id, q.queue, q.channel, array_to_string(q.required_skills, ','), q.priority,
                               q.breach_at, q.enqueued_at, q.process_instance_id, l.active, l.capacity
                        FROM routing_queue_entry q
                        JOIN agent_channel_load l ON l.agent_id = ?1 AND l.channel = q.channel AND l.active < l.capacity
                        WHERE q.required_skills <@ (SELECT routing_skills FROM agent WHERE id = ?1)
                        ORDER BY q.breach_at, q.priority, q.enqueued_at
                        LIMIT 1
                        FOR UPDATE OF q SKIP LOCKED""")
                .setParameter(1, agentId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        QueueEntry entry = entry(row);
        if (!takeSlot(agentId, entry.channel())) {
            return Optional.empty();
        }
        Candidate candidate = new Candidate(agentId, agent.username, ((Number) row[8]).intValue(), ((Number) row[9]).intValue());
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("agent", describe(candidate));
        String rule = "routing:push".equals(by) ? "most-urgent-for-freed-agent" : "most-urgent-for-agent-asking";
        return Optional.of(assign(entry, candidate, by, rule,
                agent.username + " could take a " + entry.channel() + " conversation (" + candidate.load() + " of "
                        + candidate.capacity() + " busy); this one breaches first (" + entry.breachAt() + ", priority "
                        + entry.priority() + ") of those their skills cover", why, started));
    }

    /**
     * A person's explicit choice (an agent claiming a task, a supervisor assigning): it bypasses
     * availability and capacity and is never overridden by automation.
     * @return false when another agent already holds the conversation
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean assignByHuman(UUID conversationId, Agent agent, String channel, String person) {
        if (!conversations.assignAgent(conversationId, agent.id.toString(), Actor.human(person))) {
            return false;
        }
        if (AgentAssignment.count("conversationId = ?1 and agentId = ?2 and releasedAt is null", conversationId, agent.id) > 0) {
            return true;
        }
        entityManager.createNativeQuery("DELETE FROM routing_queue_entry WHERE conversation_id = ?1")
                .setParameter(1, conversationId).executeUpdate();
        entityManager.createNativeQuery("UPDATE agent_channel_load SET active = active + 1 WHERE agent_id = ?1 AND channel = ?2")
                .setParameter(1, agent.id).setParameter(2, channel).executeUpdate();
        AgentAssignment assignment = newAssignment(conversationId, agent.id, channel, "human:" + person);
        assignment.persist();
        Map<String, Object> inputs = Map.of("conversationId", conversationId, "channel", channel, "person", person);
        Map<String, Object> outputs = Map.of("agentId", agent.id, "agentUsername", agent.username, "by", assignment.assignedBy);
        decisions.record(DECIDER, DECIDER_VERSION, conversationId, inputs, outputs, List.of(Map.of("id", "human-choice",
                "table", DECIDER, "description", person + " chose " + agent.username + "; rules never override a person")), 0);
        return true;
    }

    /** The conversation no longer needs its agent (resolved): the slot frees and routing offers the agent new work. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> release(UUID conversationId, Actor actor) {
        Optional<AgentAssignment> active = AgentAssignment.<AgentAssignment>find("conversationId = ?1 and releasedAt is null",
                conversationId).firstResultOptional();
        entityManager.createNativeQuery("DELETE FROM routing_queue_entry WHERE conversation_id = ?1")
                .setParameter(1, conversationId).executeUpdate();
        active.ifPresent(assignment -> {
            assignment.releasedAt = clock.instant();
            entityManager.createNativeQuery("""
                            UPDATE agent_channel_load SET active = greatest(active - 1, 0) WHERE agent_id = ?1 AND channel = ?2""")
                    .setParameter(1, assignment.agentId).setParameter(2, assignment.channel).executeUpdate();
            conversations.releaseAgent(conversationId, actor);
        });
        return active.map(assignment -> assignment.agentId);
    }

    public Optional<AgentAssignment> activeAssignment(UUID conversationId) {
        return AgentAssignment.find("conversationId = ?1 and releasedAt is null", conversationId).firstResultOptional();
    }

    /** Waiting conversations in service order (time to breach, then priority), optionally of one queue. */
    public List<QueueEntry> waiting(Optional<String> queue, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT conversation_id, queue, channel, array_to_string(required_skills, ','), priority, breach_at,
                               enqueued_at, process_instance_id
                        FROM routing_queue_entry WHERE (?1 = '' OR queue = ?1)
                        ORDER BY breach_at, priority, enqueued_at LIMIT ?2""")
                .setParameter(1, queue.orElse("")).setParameter(2, limit).getResultList();
        return rows.stream().map(RoutingEngine::entry).toList();
    }

    /** Moves a waiting conversation (queue, priority) as escalation rules ask; false when it is not waiting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean requeue(UUID conversationId, String queue, int priority) {
        return entityManager.createNativeQuery("UPDATE routing_queue_entry SET queue = ?2, priority = ?3 WHERE conversation_id = ?1")
                .setParameter(1, conversationId).setParameter(2, queue).setParameter(3, priority).executeUpdate() > 0;
    }

    /** Qualified available agents with a free slot on the channel, least loaded first. */
    public List<Candidate> candidates(String channel, List<String> requiredSkills, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT a.id, a.username, l.active, l.capacity
                        FROM agent_channel_load l JOIN agent a ON a.id = l.agent_id
                        WHERE l.channel = ?1 AND l.active < l.capacity AND a.status = 'available'
                          AND a.routing_skills @> string_to_array(?2, ',')
                        ORDER BY l.active, a.status_changed_at, a.id
                        LIMIT ?3""")
                .setParameter(1, channel).setParameter(2, String.join(",", requiredSkills)).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(row -> new Candidate((UUID) row[0], (String) row[1], ((Number) row[2]).intValue(),
                ((Number) row[3]).intValue())).toList();
    }

    private long countCandidates(String channel, List<String> requiredSkills) {
        return ((Number) entityManager.createNativeQuery("""
                        SELECT count(*) FROM agent_channel_load l JOIN agent a ON a.id = l.agent_id
                        WHERE l.channel = ?1 AND l.active < l.capacity AND a.status = 'available'
                          AND a.routing_skills @> string_to_array(?2, ',')""")
                .setParameter(1, channel).setParameter(2, String.join(",", requiredSkills)).getSingleResult()).longValue();
    }

    private Optional<QueueEntry> claimEntry(UUID conversationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT conversation_id, queue, channel, array_to_string(required_skills, ','), priority, breach_at,
                               enqueued_at, process_instance_id
                        FROM routing_queue_entry WHERE conversation_id = ?1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, conversationId).getResultList();
        return rows.stream().findFirst().map(RoutingEngine::entry);
    }

    private boolean takeSlot(UUID agentId, String channel) {
        return entityManager.createNativeQuery("""
                        UPDATE agent_channel_load SET active = active + 1
                        WHERE agent_id = ?1 AND channel = ?2 AND active < capacity""")
                .setParameter(1, agentId).setParameter(2, channel).executeUpdate() == 1;
    }

    private Assignment assign(QueueEntry entry, Candidate winner, String by, String rule, String because,
                              Map<String, Object> details, long startedNanos) {
        if (!conversations.assignAgent(entry.conversationId(), winner.agentId().toString(), Actor.system("routing"))) {
            throw new IllegalStateException("Conversation " + entry.conversationId() + " is held by another agent");
        }
        entityManager.createNativeQuery("DELETE FROM routing_queue_entry WHERE conversation_id = ?1")
                .setParameter(1, entry.conversationId()).executeUpdate();
        newAssignment(entry.conversationId(), winner.agentId(), entry.channel(), by).persist();
        if (entry.processInstanceId() != null) {
            tasks.giveTo(entry.processInstanceId(), winner.username());
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("queue", entry.queue());
        inputs.put("channel", entry.channel());
        inputs.put("requiredSkills", entry.requiredSkills());
        inputs.put("priority", entry.priority());
        inputs.put("breachAt", entry.breachAt().toString());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("agentId", winner.agentId());
        outputs.put("agentUsername", winner.username());
        outputs.put("by", by);
        outputs.putAll(details);
        List<Map<String, Object>> fired = List.of(Map.of("id", rule, "table", DECIDER, "description", because));
        decisions.record(DECIDER, DECIDER_VERSION, entry.conversationId(), inputs, outputs, fired,
                (System.nanoTime() - startedNanos) / 1_000);
        return new Assignment(entry.conversationId(), winner.agentId(), winner.username(), by);
    }

    private AgentAssignment newAssignment(UUID conversationId, UUID agentId, String channel, String by) {
        AgentAssignment assignment = new AgentAssignment();
        assignment.id = UUID.randomUUID();
        assignment.conversationId = conversationId;
        assignment.agentId = agentId;
        assignment.channel = channel;
        assignment.assignedBy = by;
        assignment.assignedAt = clock.instant();
        return assignment;
    }

    private static Map<String, Object> describe(Candidate candidate) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("username", candidate.username());
        map.put("load", candidate.load());
        map.put("capacity", candidate.capacity());
        return map;
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
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
