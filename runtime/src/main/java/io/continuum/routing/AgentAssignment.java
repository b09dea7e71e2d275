package io.continuum.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** An agent holding a conversation, from assignment until release (resolution or hand-back). */
@Entity
public class AgentAssignment extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public UUID agentId;
    public String channel;
    /**
     * "routing:push", "routing:pull", "rule:automations" (an automation named the agent) or "human:&lt;username&gt;"
     * (a person's explicit choice, never overridden by rules).
     */
    public String assignedBy;
    public Instant assignedAt;
    public Instant releasedAt;

    public boolean byHuman() {
        return AssignmentSource.isHuman(assignedBy);
    }
}
