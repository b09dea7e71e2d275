package io.continuum.automations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification an automation raised for the supervisors about a conversation: open until one of them
 * acknowledges it, then kept with who did and when.
 */
@Entity
@Table(name = "supervisor_notification")
public class SupervisorNotification extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public String automation;
    public String rowId;
    /** The row's argument: why the supervisors should look. */
    public String reason;
    public Instant createdAt;
    public String acknowledgedBy;
    public Instant acknowledgedAt;

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** @return false when someone acknowledged it already (their name stays) */
    boolean acknowledge(String person, Instant now) {
        if (acknowledged()) {
            return false;
        }
        acknowledgedBy = person;
        acknowledgedAt = now;
        return true;
    }
}
