package io.continuum.automations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One signed call of an allowed URL a call-webhook action asked for, with its retries (like a reply's delivery). */
@Entity
@Table(name = "automation_webhook")
public class AutomationWebhook extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String DEAD = "dead";

    @Id
    public UUID id;
    public UUID conversationId;
    public String automation;
    public String url;
    /** Exactly the bytes signed and sent, every attempt the same. */
    public String body;
    public String status;
    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant createdAt;
    public Instant updatedAt;
}
