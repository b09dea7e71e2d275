package io.continuum.events;

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
    public static final String AUTOMATION_EXECUTED = "automation.executed";
    public static final String CUSTOMER_UPDATED = "customer.updated";
    public static final String POLICY_PUBLISHED = "policy.published";
    /** An internal note was added to a Resolution (synced to its swarm channel unless it came from there). */
    public static final String RESOLUTION_NOTE_ADDED = "resolution.note_added";

    private Topics() {
    }
}
