package io.continuum.routing;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Agents, their per-channel capacity and live load, and their availability. */
@ApplicationScoped
public class Agents {

    private static final String ENTITY = "agent";
    /** A channel an agent works on without a stated capacity takes one conversation at a time. */
    private static final int DEFAULT_CAPACITY = 1;

    private final EntityManager entityManager;
    private final AuditTrail audit;
    private final Event<AgentFreed> freed;
    private final Clock clock;

    Agents(EntityManager entityManager, AuditTrail audit, Event<AgentFreed> freed, Clock clock) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.freed = freed;
        this.clock = clock;
    }

    /** Someone can take more work now: routing offers them the most urgent waiting conversation. */
    public record AgentFreed(UUID agentId) {
    }

    public record NewAgent(String username, String name, List<String> skills, List<String> languages,
                           List<String> channels, List<String> teams, Map<String, Integer> capacity, AgentStatus status) {
    }

    /** One agent with the live load on each channel. */
    public record AgentView(Agent agent, Map<String, Integer> capacity, Map<String, Integer> load) {
    }

    @Transactional
    public Agent create(NewAgent command, String by) {
        if (Agent.count("username", command.username()) > 0) {
            throw ProblemException.conflict("agent-exists", "An agent with username " + command.username() + " exists");
        }
        Instant now = clock.instant();
        Agent agent = new Agent();
        agent.id = UUID.randomUUID();
        agent.username = command.username();
        agent.name = command.name();
        agent.skills = new ArrayList<>(orEmpty(command.skills()));
        agent.languages = new ArrayList<>(orEmpty(command.languages()));
        agent.teams = new ArrayList<>(orEmpty(command.teams()));
        Map<String, Integer> capacity = command.capacity() == null ? Map.of() : command.capacity();
        LinkedHashSet<String> channels = new LinkedHashSet<>(orEmpty(command.channels()));
        channels.addAll(capacity.keySet());
        agent.channels = new ArrayList<>(channels);
        agent.deriveRoutingSkills();
        agent.status = (command.status() == null ? AgentStatus.OFFLINE : command.status()).wireName();
        agent.statusChangedAt = now;
        agent.createdAt = now;
        agent.persist();
        entityManager.flush();
        for (String channel : channels) {
            int slots = capacity.getOrDefault(channel, DEFAULT_CAPACITY);
            if (slots < 0) {
                throw new ProblemException(Problem.of(400, "validation", "Bad Request", "Capacity cannot be negative")
                        .withErrors(List.of(Problem.FieldError.ofField("capacity." + channel, "must be 0 or more"))));
            }
            entityManager.createNativeQuery("INSERT INTO agent_channel_load (agent_id, channel, capacity, active) VALUES (?1, ?2, ?3, 0)")
                    .setParameter(1, agent.id).setParameter(2, channel).setParameter(3, slots).executeUpdate();
        }
        audit.record(ENTITY, agent.id, "created", Actor.human(by), null, Map.of("username", agent.username));
        if (agent.agentStatus() == AgentStatus.AVAILABLE) {
            freed.fire(new AgentFreed(agent.id));
        }
        return agent;
    }

    @Transactional
    public Agent changeStatus(UUID agentId, AgentStatus status, Actor actor) {
        Agent agent = require(agentId);
        AgentStatus before = agent.agentStatus();
        if (before != status) {
            agent.status = status.wireName();
            agent.statusChangedAt = clock.instant();
            audit.record(ENTITY, agentId, "status-changed", actor, Map.of("status", before.wireName()),
                    Map.of("status", status.wireName()));
        }
        if (status == AgentStatus.AVAILABLE) {
            freed.fire(new AgentFreed(agentId));
        }
        return agent;
    }

    public List<AgentView> list() {
        List<Agent> agents = Agent.list("order by username");
        Map<UUID, Map<String, Integer>> capacity = new LinkedHashMap<>();
        Map<UUID, Map<String, Integer>> load = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT agent_id, channel, capacity, active FROM agent_channel_load")
                .getResultList();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            capacity.computeIfAbsent(id, k -> new LinkedHashMap<>()).put((String) row[1], ((Number) row[2]).intValue());
            load.computeIfAbsent(id, k -> new LinkedHashMap<>()).put((String) row[1], ((Number) row[3]).intValue());
        }
        return agents.stream().map(agent -> new AgentView(agent, capacity.getOrDefault(agent.id, Map.of()),
                load.getOrDefault(agent.id, Map.of()))).toList();
    }

    public Optional<AgentView> view(UUID agentId) {
        return list().stream().filter(view -> view.agent().id.equals(agentId)).findFirst();
    }

    public Optional<Agent> find(UUID agentId) {
        return Agent.findByIdOptional(agentId);
    }

    public Optional<Agent> findByUsername(String username) {
        return Agent.find("username", username).firstResultOptional();
    }

    public Agent require(UUID agentId) {
        return find(agentId).orElseThrow(() -> ProblemException.notFound("Agent", agentId));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
