package io.continuum.automations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One action an automation ran on a conversation, or was refused; the storm limit counts the executed ones. */
@Entity
@Table(name = "automation_action")
public class AutomatedAction extends PanacheEntityBase {

    public static final String EXECUTED = "executed";
    public static final String REFUSED = "refused";
    /** The action had nothing to change (the tag was already there): not counted by the storm limit. */
    public static final String UNCHANGED = "unchanged";

    @Id
    public UUID id;
    public UUID conversationId;
    public String automation;
    public String rowId;
    public String action;
    public String argument;
    /** {@link #EXECUTED}, {@link #REFUSED} or {@link #UNCHANGED}; {@code detail} says why. */
    public String outcome;
    public String detail;
    /** The event type the row matched on (message-received, time-elapsed, …). */
    public String trigger;
    /** The event that triggered the run; none for a time-elapsed pass. */
    public UUID eventId;
    public UUID decisionId;
    public int policyVersion;
    public Instant executedAt;
}
