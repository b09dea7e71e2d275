package io.continuum.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** One agent-handoff process instance and the conversation it is about. */
@Entity
public class Handoff extends PanacheEntityBase {

    @Id
    public String processInstanceId;
    public UUID conversationId;
    public String queue;
    public Instant createdAt;
}
