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
    /** How many candidates a push weighs and its explanation shows. */
    public static final int CANDIDATES_SHOWN = 10;

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

    /**
     * The rule chose among the candidates considered, out of so many qualified and available when it ranked them
     * ({@code orMore}: at least so many, the count stopped at {@link #QUALIFIED_COUNTED_UP_TO}).
     */
    record Considered(List<Shown> considered, long qualifiedAvailable, boolean orMore) implements Why {
    }

    /** An agent with a free slot took the most urgent conversation their skills cover. */
    record Freed(Shown agent) implements Why {
    }

    /** An automation named the agent; their skills were not weighed, a person wrote the rule that names them. */
    record Named(Shown agent, String automation) implements Why {
    }

    /**
     * Available, with a free slot on channel ?1, skills covering ?2 (joined by commas). The agent's status, since
     * when and routing skills are read from the load row, which carries them (V150), so one partial index holds
     * the qualified agents of a channel in the rule's order.
     */
    private static final String QUALIFIED = """
            l.channel = ?1 AND l.active < l.capacity AND l.agent_status = 'available'
              AND l.routing_skills @> string_to_array(?2, ',')""";
    /**
     * The qualified agents in the order the rule prefers them, ?3 at most. Public, like {@link #QUALIFIED_COUNT},
     * so that bench/routing.sh measures this very statement.
     */
    public static final String CANDIDATES = "SELECT l.agent_id, a.username, l.active, l.capacity"
            + " FROM agent_channel_load l JOIN agent a ON a.id = l.agent_id WHERE " + QUALIFIED
            + " ORDER BY l.active, l.agent_status_since, l.agent_id LIMIT ?3";
    /** How many agents qualify, counted up to ?3: the explanation's "so many others could have taken it". */
    public static final String QUALIFIED_COUNT = "SELECT count(*) FROM (SELECT 1 FROM agent_channel_load l WHERE "
            + QUALIFIED + " LIMIT ?3) qualified";
    /**
     * The explanation counts the qualified agents this far and no further: beyond it the figure says nothing a
     * supervisor needs, and counting every one would cost each push a pass over the channel's agents.
     */
    public static final int QUALIFIED_COUNTED_UP_TO = 50;

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

    /**
     * Why the winner won, in words and in figures, for the decision log. Fewer candidates than an explanation
     * shows are all who qualified; otherwise they are counted, up to {@link #QUALIFIED_COUNTED_UP_TO}.
     */
    Why explain(QueueEntry entry, List<Candidate> considered) {
        List<Shown> shown = considered.stream().map(Candidate::describe).toList();
        if (considered.size() < CANDIDATES_SHOWN) {
            return new Considered(shown, considered.size(), false);
        }
        long qualified = ((Number) entityManager.createNativeQuery(QUALIFIED_COUNT)
                .setParameter(1, entry.channel()).setParameter(2, String.join(",", entry.requiredSkills()))
                .setParameter(3, QUALIFIED_COUNTED_UP_TO).getSingleResult()).longValue();
        return new Considered(shown, qualified, qualified >= QUALIFIED_COUNTED_UP_TO);
    }

    static String because(QueueEntry entry, Candidate winner) {
        return "Of the available agents whose skills cover " + entry.requiredSkills() + " with a free "
                + entry.channel() + " slot, " + winner.username() + " had the least active load ("
                + winner.load() + " of " + winner.capacity() + ")";
    }
}
