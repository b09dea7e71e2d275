package io.continuum.decisions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;

/** A named decision (severity, routing, sla-policy, escalation-triggers, …) and its live version. */
@Entity
public class Policy extends PanacheEntityBase {

    @Id
    public String name;
    public String kind;
    public Integer liveVersion;
    /** Four-eyes publishing: a publication waits until a second person with a publishing role approves it. */
    public boolean requiresSecondApprover;
    public Instant createdAt;
    public Instant updatedAt;

    public PolicyKind policyKind() {
        return PolicyKind.fromWire(kind);
    }
}
