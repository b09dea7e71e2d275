package io.continuum.routing;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.continuum.audit.Actor;
import io.continuum.conversation.Conversations;
import io.continuum.decisions.DecisionService;
import io.continuum.decisions.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds which conversation, and each agent's load per channel. An agent's slot is taken on its
 * {@link AgentLoad}, whose version check fails the later of two concurrent writers (flushed at once, so
 * the routing path retries with what the first committed), so capacity holds under races; the
 * conversation's assignee is set only if none is (the conversation row is locked meanwhile), and a partial
 * unique index allows one active assignment per conversation. Every assignment is logged with its explanation.
 */
@ApplicationScoped
public class Assignments {

    /** The name assignments carry in the decision log. */
    public static final String DECIDER = "agent-assignment";
    static final int DECIDER_VERSION = 1;

    /** Why an agent was given a conversation: the rule, in words, and the figures behind it. */
    record Reason(String rule, String because, AgentSelection.Why details) {
    }

    /** The waiting conversation, as the decision log keeps it. */
    private record Waiting(String queue, String channel, List<String> requiredSkills, int priority, String breachAt) {
    }

    /** A person's choice, as the decision log keeps it. */
    private record PersonsChoice(UUID conversationId, String channel, String person) {
    }

    /** Who got the conversation, by whom, and (for the rules) the figures why. */
    private record Assigned(UUID agentId, String agentUsername, String by, @JsonUnwrapped AgentSelection.Why why) {
    }

    private final EntityManager entityManager;
    private final Conversations conversations;
    private final WaitingQueue queue;
    private final HandoffTasks tasks;
    private final DecisionService decisions;
    private final Clock clock;

    Assignments(EntityManager entityManager, Conversations conversations, WaitingQueue queue, HandoffTasks tasks,
                DecisionService decisions, Clock clock) {
        this.entityManager = entityManager;
        this.conversations = conversations;
        this.queue = queue;
        this.tasks = tasks;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * Takes one of the agent's slots on the channel; false when they have none free. Throws an optimistic
     * lock failure when another transaction changed the same load meanwhile (see ConcurrentUpdates).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean takeSlot(UUID agentId, String channel) {
        AgentLoad load = AgentLoad.of(agentId, channel);
        if (load == null || !load.take()) {
            return false;
        }
        entityManager.flush();
        return true;
    }

    /** Gives a waiting conversation to the agent whose slot was taken; its task goes to them too. */
    @Transactional(Transactional.TxType.MANDATORY)
    RoutingEngine.Assignment assign(QueueEntry entry, AgentSelection.Candidate winner, AssignmentSource by, Reason reason,
                                    long startedNanos) {
        return assign(entry, winner, by, reason, Actor.system("routing"), startedNanos);
    }

    private RoutingEngine.Assignment assign(QueueEntry entry, AgentSelection.Candidate winner, AssignmentSource by,
                                            Reason reason, Actor actor, long startedNanos) {
        if (!conversations.apply(entry.conversationId(),
                (held, now) -> held.assign(winner.agentId().toString(), actor, now))) {
            throw new IllegalStateException("Conversation " + entry.conversationId() + " is held by another agent");
        }
        queue.remove(entry.conversationId());
        newAssignment(entry.conversationId(), winner.agentId(), entry.channel(), by.wireName()).persist();
        if (entry.processInstanceId() != null) {
            tasks.giveTo(entry.processInstanceId(), winner.username());
        }
        decisions.record(DECIDER, DECIDER_VERSION, entry.conversationId(),
                new Waiting(entry.queue(), entry.channel(), entry.requiredSkills(), entry.priority(),
                        entry.breachAt().toString()),
                new Assigned(winner.agentId(), winner.username(), by.wireName(), reason.details()),
                List.of(new Evaluation.FiredRule(reason.rule(), DECIDER, reason.because())),
                (System.nanoTime() - startedNanos) / 1_000);
        return new RoutingEngine.Assignment(entry.conversationId(), winner.agentId(), winner.username(), by.wireName());
    }

    /**
     * A person's explicit choice (an agent claiming a task, a supervisor assigning): it bypasses
     * availability and capacity and is never overridden by automation.
     * @return false when another agent already holds the conversation
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean assignByHuman(UUID conversationId, Agent agent, String channel, String person) {
        if (!conversations.apply(conversationId, (held, now) -> held.assign(agent.id.toString(), Actor.human(person), now))) {
            return false;
        }
        if (AgentAssignment.count("conversationId = ?1 and agentId = ?2 and releasedAt is null", conversationId, agent.id) > 0) {
            return true;
        }
        queue.remove(conversationId);
        AgentLoad load = AgentLoad.of(agent.id, channel);
        if (load != null) {
            load.takeBeyondCapacity();
        }
        AgentAssignment assignment = newAssignment(conversationId, agent.id, channel, AssignmentSource.human(person));
        assignment.persist();
        decisions.record(DECIDER, DECIDER_VERSION, conversationId, new PersonsChoice(conversationId, channel, person),
                new Assigned(agent.id, agent.username, assignment.assignedBy, null),
                List.of(new Evaluation.FiredRule("human-choice", DECIDER,
                        person + " chose " + agent.username + "; rules never override a person")), 0);
        return true;
    }

    /** What naming an agent for a conversation came to. */
    public enum NamedAgent {
        ASSIGNED,
        /** The agent holds it already. */
        ALREADY_THEIRS,
        /** Another agent holds it (routing placed it or a person chose): it stays with them. */
        HELD_BY_ANOTHER,
        /** It is not waiting for an agent (the AI is on it, or it is resolved), or a router holds it right now. */
        NOT_WAITING,
        AGENT_OFFLINE,
        /** The agent has no free slot on the conversation's channel: it stays queued for routing. */
        NO_FREE_SLOT
    }

    /**
     * An automation names the agent (assign-agent): a conversation waiting for an agent goes to them through the
     * same assignment as routing's (their slot, the assignee, the hand-off task, the decision log), skills aside,
     * since a person wrote the rule that names them. Nothing is taken from an agent who holds it already, and an
     * offline agent or one without a free slot gets nothing: the conversation stays queued for routing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public NamedAgent assignNamed(UUID conversationId, Agent agent, String automation, Actor actor) {
        long started = System.nanoTime();
        Optional<AgentAssignment> active = activeAssignment(conversationId);
        if (active.isPresent()) {
            return active.get().agentId.equals(agent.id) ? NamedAgent.ALREADY_THEIRS : NamedAgent.HELD_BY_ANOTHER;
        }
        if (agent.agentStatus() == AgentStatus.OFFLINE) {
            return NamedAgent.AGENT_OFFLINE;
        }
        Optional<QueueEntry> waiting = queue.claim(conversationId);
        if (waiting.isEmpty()) {
            return NamedAgent.NOT_WAITING;
        }
        QueueEntry entry = waiting.get();
        if (!takeSlot(agent.id, entry.channel())) {
            return NamedAgent.NO_FREE_SLOT;
        }
        AgentLoad load = AgentLoad.of(agent.id, entry.channel());
        AgentSelection.Candidate named = new AgentSelection.Candidate(agent.id, agent.username, load.active - 1, load.capacity);
        assign(entry, named, AssignmentSource.AUTOMATION, new Reason("named-by-automation",
                "the automation '" + automation + "' names " + agent.username + " (" + named.load() + " of "
                        + named.capacity() + " " + entry.channel() + " conversations busy before)",
                new AgentSelection.Named(named.describe(), automation)), actor, started);
        return NamedAgent.ASSIGNED;
    }

    /** The conversation no longer needs its agent (resolved): the slot frees. @return the agent who held it */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> release(UUID conversationId, Actor actor) {
        Optional<AgentAssignment> active = activeAssignment(conversationId);
        queue.remove(conversationId);
        active.ifPresent(assignment -> {
            assignment.releasedAt = clock.instant();
            AgentLoad load = AgentLoad.of(assignment.agentId, assignment.channel);
            if (load != null) {
                load.free();
            }
            conversations.change(conversationId, (released, now) -> released.release(actor, now));
        });
        return active.map(assignment -> assignment.agentId);
    }

    public Optional<AgentAssignment> activeAssignment(UUID conversationId) {
        return AgentAssignment.find("conversationId = ?1 and releasedAt is null", conversationId).firstResultOptional();
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
}
