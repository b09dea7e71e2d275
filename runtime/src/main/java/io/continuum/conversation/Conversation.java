package io.continuum.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One customer's never-ending timeline with Continuum, across every channel they use. */
@Entity
public class Conversation extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID customerId;
    public String state;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> channelsUsed = new ArrayList<>();
    public String currentChannel;
    public String assignedAgentId;
    public String queue;
    public Instant firstResponseDueAt;
    public Instant nextResponseDueAt;
    public Instant resolutionDueAt;
    public boolean slaBreached;
    public UUID resolutionId;
    public UUID previousConversationId;
    public UUID movedByMergeId;
    public String severity;
    public Integer priority;
    public String handlingMode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> requiredSkills = new ArrayList<>();
    public Instant triagedAt;
    public String intent;
    /** What first contact tells the agent who takes over (intent, severity, summary, entities, what it tried…). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public java.util.Map<String, Object> handoffBrief;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant lastMessageAt;
    public Instant resolvedAt;
    @Version
    public long version;

    public ConversationState conversationState() {
        return ConversationState.fromWire(state);
    }

    void useChannel(String channel) {
        currentChannel = channel;
        if (!channelsUsed.contains(channel)) {
            channelsUsed.add(channel);
        }
    }
}
