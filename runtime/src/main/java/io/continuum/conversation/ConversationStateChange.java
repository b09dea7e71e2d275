package io.continuum.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** A state change as it appears in the timeline. */
@Entity
public class ConversationStateChange extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public String fromState;
    public String toState;
    public String reason;
    public String actor;
    public Instant changedAt;
}
