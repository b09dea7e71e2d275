package io.continuum.routing;

/** Whether an agent takes new conversations: only {@link #AVAILABLE} agents are routed to. */
public enum AgentStatus {
    AVAILABLE,
    BUSY,
    AWAY,
    OFFLINE;

    public String wireName() {
        return name().toLowerCase();
    }

    public static AgentStatus fromWire(String value) {
        return valueOf(value.trim().toUpperCase());
    }
}
