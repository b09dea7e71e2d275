package io.continuum.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A message in a conversation's timeline, inbound from the customer or outbound from us. */
@Entity
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public String channel;
    public String externalId;
    public String direction;
    public String content;
    public UUID senderCustomerId;
    public String author;
    public String threadRef;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> aiAnnotations = new HashMap<>();
    public String deliveryStatus;
    public Instant receivedAt;
    public Instant createdAt;
}
