package io.continuum.conversation;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a conversation. It never ends: "resolved" can always be reopened, and every
 * state that is not already escalated can escalate (the failsafe "never block escalation").
 */
public enum ConversationState {
    OPEN,
    AWAITING_CUSTOMER,
    AWAITING_AGENT,
    ESCALATED,
    RESOLVED,
    REOPENED;

    public Set<ConversationState> allowedNext() {
        return switch (this) {
            case OPEN, REOPENED -> EnumSet.of(AWAITING_CUSTOMER, AWAITING_AGENT, ESCALATED, RESOLVED);
            case AWAITING_CUSTOMER -> EnumSet.of(AWAITING_AGENT, ESCALATED, RESOLVED);
            case AWAITING_AGENT -> EnumSet.of(AWAITING_CUSTOMER, ESCALATED, RESOLVED);
            case ESCALATED -> EnumSet.of(AWAITING_CUSTOMER, AWAITING_AGENT, RESOLVED);
            case RESOLVED -> EnumSet.of(REOPENED, ESCALATED);
        };
    }

    public boolean canMoveTo(ConversationState next) {
        return allowedNext().contains(next);
    }

    /** The state a new inbound customer message puts the conversation in. */
    ConversationState onInboundMessage() {
        return switch (this) {
            case OPEN, AWAITING_CUSTOMER, AWAITING_AGENT, REOPENED -> AWAITING_AGENT;
            case ESCALATED -> ESCALATED;
            case RESOLVED -> REOPENED;
        };
    }

    /**
     * The state an agent's reply puts the conversation in; an escalation stays until someone lifts
     * it, and a follow-up on a resolved conversation does not reopen it.
     */
    ConversationState onAgentReply() {
        return this == ESCALATED || this == RESOLVED ? this : AWAITING_CUSTOMER;
    }

    public String wireName() {
        return name().toLowerCase();
    }

    public static ConversationState fromWire(String value) {
        return valueOf(value.trim().toUpperCase());
    }
}
