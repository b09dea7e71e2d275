package io.continuum.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** The journey of one outbound message to the customer: attempts, retries, the provider's id and status. */
@Entity
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID messageId;
    public UUID conversationId;
    public String channel;
    /** The channel first tried when the reply had to go another way (web chat visitor gone → e-mail). */
    public String fallbackFrom;
    /** How channel-reply.dmn let the reply go ({@link ReplyMode}), decided when it was queued. */
    public String replyMode;
    public String status;
    public int attempts;
    public int retryBase;
    public Instant nextAttemptAt;
    public String lastError;
    public String providerMessageId;
    public String providerStatus;
    public Instant createdAt;
    public Instant updatedAt;
}
