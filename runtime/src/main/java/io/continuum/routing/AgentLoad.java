package io.continuum.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * How many conversations an agent takes at once on one channel, and how many they hold now. Push routing
 * (a conversation offered to the best agent), pull routing (an agent asking, or freed) and a person's choice
 * all change it; the version makes the later of two concurrent writers fail and start again with what the
 * first committed, so a slot is never taken twice or freed into a lost update.
 */
@Entity
@Table(name = "agent_channel_load")
@IdClass(AgentLoad.Key.class)
public class AgentLoad extends PanacheEntityBase {

    /** An agent's load is kept per channel. */
    public static class Key implements Serializable {
        public UUID agentId;
        public String channel;

        public Key() {
        }

        public Key(UUID agentId, String channel) {
            this.agentId = agentId;
            this.channel = channel;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(agentId, key.agentId) && Objects.equals(channel, key.channel);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agentId, channel);
        }
    }

    @Id
    public UUID agentId;
    @Id
    public String channel;
    public int capacity;
    public int active;
    @Version
    public long version;

    static AgentLoad of(UUID agentId, String channel) {
        return findById(new Key(agentId, channel));
    }

    /** Takes a free slot; false when every slot is taken. */
    boolean take() {
        if (active >= capacity) {
            return false;
        }
        active++;
        return true;
    }

    /** A person chose this agent: their choice counts even beyond capacity. */
    void takeBeyondCapacity() {
        active++;
    }

    void free() {
        active = Math.max(active - 1, 0);
    }
}
