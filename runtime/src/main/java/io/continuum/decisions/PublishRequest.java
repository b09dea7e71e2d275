package io.continuum.decisions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A publication waiting for a second person (four-eyes publishing): pending until someone other
 * than the requester approves it, which makes the version live, or anyone with a publishing role
 * rejects it with a reason.
 */
@Entity
@Table(name = "policy_publish_request")
public class PublishRequest extends PanacheEntityBase {

    /** A request's life; only a pending one can be approved or rejected. */
    public enum Status {
        PENDING, APPROVED, REJECTED;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    @Id
    public UUID id;
    public String policyName;
    public int version;
    public boolean applyToOpen;
    public String status;
    public String requestedBy;
    public Instant requestedAt;
    public String decidedBy;
    public Instant decidedAt;
    public String reason;

    public boolean isPending() {
        return Status.PENDING.wireName().equals(status);
    }

    void decide(Status outcome, String person, Instant at, String why) {
        status = outcome.wireName();
        decidedBy = person;
        decidedAt = at;
        reason = why;
    }
}
