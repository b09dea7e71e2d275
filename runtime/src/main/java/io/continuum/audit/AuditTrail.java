package io.continuum.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records every state change in the transaction that makes it, so the log and the data never disagree. */
@ApplicationScoped
public class AuditTrail {

    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };

    private final ObjectMapper objectMapper;
    private final Clock clock;

    AuditTrail(ObjectMapper objectMapper, Clock clock) {
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entityType, UUID entityId, String action, Actor actor, Object before, Object after) {
        AuditEntry entry = new AuditEntry();
        entry.entityType = entityType;
        entry.entityId = entityId;
        entry.action = action;
        entry.actorType = actor.type().wireName();
        entry.actor = actor.name();
        entry.actorVersion = actor.version();
        entry.beforeState = json(before);
        entry.afterState = json(after);
        entry.occurredAt = clock.instant();
        entry.persist();
    }

    public List<AuditEntry> forEntity(UUID entityId, long afterId, int limit) {
        return AuditEntry.find("entityId = ?1 and id > ?2 order by id", entityId, afterId).page(0, limit).list();
    }

    /** Which of {@code actions} people (not the AI, a rule or the platform) took on the entity, each once. */
    public List<String> actionsByPeople(UUID entityId, Collection<String> actions) {
        return AuditEntry.getEntityManager().createQuery("select distinct a.action from AuditEntry a"
                        + " where a.entityId = :entity and a.actorType = :human and a.action in :actions", String.class)
                .setParameter("entity", entityId).setParameter("human", ActorType.HUMAN.wireName())
                .setParameter("actions", actions).getResultList();
    }

    private Map<String, Object> json(Object state) {
        return state == null ? null : objectMapper.convertValue(state, STATE);
    }
}
