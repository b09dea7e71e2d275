package io.continuum.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** An internal note: seen by the team, never sent to the customer. */
@Entity
public class ConversationNote extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public String author;
    public String content;
    public Instant createdAt;
}
