package io.continuum.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/**
 * The rule that picks an agent for a conversation: of the agents who are <em>available</em>,
 * whose skills (languages included) cover everything the conversation requires, and who have a
 * free slot on its channel, the <em>least loaded</em> on that channel wins; among equals, the one
 * available longest. The candidates considered are kept with the decision, so a supervisor sees
 * who else could have taken it.
 */
@ApplicationScoped
public class AgentSelection {

    /** The rule's name in the decision log. */
    static final String RULE = "least-loaded-available-agent";
    private static final int CANDIDATES_SHOWN = 10;

    /** An agent qualified for a conversation, with its load on the conversation's channel. */
    public record Candidate(UUID agentId, String username, int load, int capacity) {

        Shown describe() {
            return new Shown(username, load, capacity);
        }
    }

    /** A candidate as an explanation shows it. */
    record Shown(String username, int load, int capacity) {
    }

    /** The figures behind an assignment, logged beside the agent who got it. */
    sealed interface Why {
    }

    /** The rule chose among the candidates considered, out of so many qualified and available. */
    record Considered(List<Shown> considered, long qualifiedAvailable) implements Why {
    }

    /** An agent with a free slot took the most urgent conversation their skills cover. */
    record Freed(Shown agent) implements Why {
    }

    /** An automation named the agent; their skills were not weighed, a person wrote the rule that names them. */
    record Named(Shown agent, String automation) implements Why {
    }

    private static final String QUALIFIED = """
            FROM agent_channel_load l JOIN agent a ON a.id = l.agent_id
            WHERE l.channel = ?1 AND l.active < l.capacity AND a.status = 'available'
              AND a.routing_skills @> string_to_array(?2, ',')
            """;
    /**
     * The qualified agents in the order the rule prefers them: ?1 channel, ?2 required skills joined by
     * commas, ?3 how many. Public so that bench/routing.sh measures this very statement.
     */
    public static final String CANDIDATES = "SELECT a.id, a.username, l.active, l.capacity " + QUALIFIED
            + "ORDER BY l.active, a.status_changed_at, a.id LIMIT ?3";
    /** How many agents qualified, for the explanation: ?1 channel, ?2 required skills joined by commas. */
    public static final String QUALIFIED_COUNT = "SELECT count(*) " + QUALIFIED;

    private final EntityManager entityManager;

    AgentSelection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Qualified available agents with a free slot on the channel, in the order the rule prefers them. */
    public List<Candidate> candidates(String channel, List<String> requiredSkills, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(CANDIDATES)
                .setParameter(1, channel).setParameter(2, String.join(",", requiredSkills)).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(row -> new Candidate((UUID) row[0], (String) row[1], ((Number) row[2]).intValue(),
                ((Number) row[3]).intValue())).toList();
    }

    /** The candidates for a waiting conversation, best first, as many as an explanation shows. */
    List<Candidate> candidatesFor(QueueEntry entry) {
        return candidates(entry.channel(), entry.requiredSkills(), CANDIDATES_SHOWN);
    }

    /** Why the winner won, in words and in figures, for the decision log. */
    Why explain(QueueEntry entry, List<Candidate> considered) {
        return new Considered(considered.stream().map(Candidate::describe).toList(),
                ((Number) entityManager.createNativeQuery(QUALIFIED_COUNT)
                        .setParameter(1, entry.channel()).setParameter(2, String.join(",", entry.requiredSkills()))
                        .getSingleResult()).longValue());
    }

    static String because(QueueEntry entry, Candidate winner) {
        return "Of the available agents whose skills cover " + entry.requiredSkills() + " with a free "
                + entry.channel() + " slot, " + winner.username() + " had the least active load ("
                + winner.load() + " of " + winner.capacity() + ")";
    }
}
