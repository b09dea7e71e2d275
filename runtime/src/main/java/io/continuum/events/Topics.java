package io.continuum.events;

import java.util.List;

/** The event topics the platform publishes on its outbox (ARCHITECTURE.md names them), and the consumers subscribe to. */
public final class Topics {

    public static final String MESSAGE_RECEIVED = "message.received";
    public static final String MESSAGE_SENT = "message.sent";
    public static final String MESSAGE_CLASSIFIED = "message.classified";
    public static final String CONVERSATION_CREATED = "conversation.created";
    public static final String CONVERSATION_STATE_CHANGED = "conversation.state_changed";
    public static final String CONVERSATION_ASSIGNED = "conversation.assigned";
    public static final String CONVERSATION_ESCALATED = "conversation.escalated";
    public static final String RESOLUTION_CREATED = "resolution.created";
    public static final String RESOLUTION_STATUS_CHANGED = "resolution.status_changed";
    public static final String RESOLUTION_COMPLETED = "resolution.completed";
    public static final String SLA_WARNING = "sla.warning";
    public static final String SLA_BREACHED = "sla.breached";
    public static final String AUTOMATION_TRIGGERED = "automation.triggered";
    public static final String AUTOMATION_EXECUTED = "automation.executed";
    public static final String CUSTOMER_UPDATED = "customer.updated";
    public static final String POLICY_PUBLISHED = "policy.published";
    /** An internal note was added to a Resolution (synced to its swarm channel unless it came from there). */
    public static final String RESOLUTION_NOTE_ADDED = "resolution.note_added";
    /** A customer answered a satisfaction survey (the score, for automations to act on a low one). */
    public static final String CSAT_RECEIVED = "csat.received";
    /** An automation asked the supervisors to look at a conversation (notify-supervisor). */
    public static final String SUPERVISOR_NOTIFIED = "automation.supervisor_notified";

    /** Every topic above: what the Kafka bus creates at start and its consumer groups subscribe to. */
    public static final List<String> ALL = List.of(MESSAGE_RECEIVED, MESSAGE_SENT, MESSAGE_CLASSIFIED, CONVERSATION_CREATED,
            CONVERSATION_STATE_CHANGED, CONVERSATION_ASSIGNED, CONVERSATION_ESCALATED, RESOLUTION_CREATED,
            RESOLUTION_STATUS_CHANGED, RESOLUTION_COMPLETED, SLA_WARNING, SLA_BREACHED, AUTOMATION_TRIGGERED, AUTOMATION_EXECUTED,
            CUSTOMER_UPDATED, POLICY_PUBLISHED, RESOLUTION_NOTE_ADDED, CSAT_RECEIVED, SUPERVISOR_NOTIFIED);

    private Topics() {
    }
}
