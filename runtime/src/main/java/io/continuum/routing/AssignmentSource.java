package io.continuum.routing;

/** Who gave a conversation to an agent, as assignments and the decision log record it. */
public enum AssignmentSource {
    /** Routing offered it: to the best agent when it was queued, or to an agent who freed up. */
    PUSH("routing:push"),
    /** The agent asked for their next conversation. */
    PULL("routing:pull"),
    /** An automation named the agent (automations.dmn's assign-agent). */
    AUTOMATION("rule:automations");

    private static final String HUMAN_PREFIX = "human:";

    private final String wireName;

    AssignmentSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** A person's explicit choice: never overridden by automation. */
    public static String human(String person) {
        return HUMAN_PREFIX + person;
    }

    public static boolean isHuman(String assignedBy) {
        return assignedBy.startsWith(HUMAN_PREFIX);
    }
}
