package io.continuum.automations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One attempt at a webhook call, committed before the receiver is called: one attempt calls at most once. */
@Entity
@Table(name = "automation_webhook_attempt")
@IdClass(AutomationWebhookAttempt.Key.class)
public class AutomationWebhookAttempt extends PanacheEntityBase {

    @Id
    public UUID webhookId;
    @Id
    public int attempt;
    public Instant startedAt;
    public Instant finishedAt;
    public String outcome;
    public String detail;

    public static class Key implements Serializable {
        public UUID webhookId;
        public int attempt;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.attempt == attempt && Objects.equals(key.webhookId, webhookId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(webhookId, attempt);
        }
    }
}
