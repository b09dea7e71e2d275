package io.continuum.routing;

import io.continuum.platform.ConcurrentUpdates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who answers which conversation, push and pull. Push: a conversation is offered to the agent
 * {@link AgentSelection} prefers when it is queued, and an agent who frees up or becomes available
 * gets the most urgent waiting one. Pull: an agent asks for the next one. The waiting conversations
 * are the {@link WaitingQueue}; who holds what is {@link Assignments}.
 *
 * <p>No conversation goes to two agents: its queue row is claimed FOR UPDATE SKIP LOCKED (a racing
 * router skips it), and {@link Assignments} holds the rest of the guarantee (slots, assignee, index).
 * Push and pull may take a slot of the same agent at the same moment: the later one's version check
 * fails and it routes again, in a new transaction, with the load the first one committed.
 */
@ApplicationScoped
public class RoutingEngine {

    private static final Logger LOG = Logger.getLogger(RoutingEngine.class);

    private final WaitingQueue queue;
    private final AgentSelection selection;
    private final Assignments assignments;
    private final ManagedExecutor executor;

    RoutingEngine(WaitingQueue queue, AgentSelection selection, Assignments assignments, ManagedExecutor executor) {
        this.queue = queue;
        this.selection = selection;
        this.assignments = assignments;
        this.executor = executor;
    }

    public record Assignment(UUID conversationId, UUID agentId, String username, String by) {
    }

    /** Routed off the committing thread, so the event relay that handed the conversation off is not held up. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) WaitingQueue.ConversationQueued event) {
        executor.execute(() -> {
            try {
                ConcurrentUpdates.inNewTransaction(() -> dispatch(event.conversationId()));
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
            while (ConcurrentUpdates.inNewTransaction(() -> pullNext(agentId, AssignmentSource.PUSH)).isPresent()) {
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
        Optional<QueueEntry> claimed = queue.claim(conversationId);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        QueueEntry entry = claimed.get();
        List<AgentSelection.Candidate> candidates = selection.candidatesFor(entry);
        // counted as ranked, before the winner's slot is taken: who else could have taken it at that moment
        AgentSelection.Why considered = selection.explain(entry, candidates);
        for (AgentSelection.Candidate candidate : candidates) {
            if (assignments.takeSlot(candidate.agentId(), entry.channel())) {
                return Optional.of(assignments.assign(entry, candidate, AssignmentSource.PUSH,
                        new Assignments.Reason(AgentSelection.RULE, AgentSelection.because(entry, candidate),
                                considered), started));
            }
        }
        return Optional.empty();
    }

    /** Pull (or push to a freed agent): the most urgent waiting conversation this agent qualifies for and has a free slot for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Assignment> pullNext(UUID agentId, AssignmentSource by) {
        long started = System.nanoTime();
        Agent agent = Agent.findById(agentId);
        if (agent == null || agent.agentStatus() == AgentStatus.OFFLINE
                || (by == AssignmentSource.PUSH && agent.agentStatus() != AgentStatus.AVAILABLE)) {
            return Optional.empty();
        }
        Optional<WaitingQueue.ClaimedForAgent> claimed = queue.claimMostUrgentFor(agentId);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        QueueEntry entry = claimed.get().entry();
        if (!assignments.takeSlot(agentId, entry.channel())) {
            return Optional.empty();
        }
        AgentSelection.Candidate candidate = new AgentSelection.Candidate(agentId, agent.username, claimed.get().load(),
                claimed.get().capacity());
        String rule = by == AssignmentSource.PUSH ? "most-urgent-for-freed-agent" : "most-urgent-for-agent-asking";
        return Optional.of(assignments.assign(entry, candidate, by, new Assignments.Reason(rule,
                agent.username + " could take a " + entry.channel() + " conversation (" + candidate.load() + " of "
                        + candidate.capacity() + " busy); this one breaches first (" + entry.breachAt() + ", priority "
                        + entry.priority() + ") of those their skills cover", new AgentSelection.Freed(candidate.describe())),
                started));
    }
}
