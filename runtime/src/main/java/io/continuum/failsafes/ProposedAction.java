package io.continuum.failsafes;

import java.util.Locale;

/**
 * Something the AI, an automation rule or a person wants to do to a conversation, checked by
 * the AI failsafe rules before it happens. Type and actor are codes, kept lower-case; a missing
 * text is empty and a blank engineer ETA counts as unset.
 */
public class ProposedAction {

    private String actionId;
    private String conversationId;
    private String type;
    private String actor;
    private String text = "";
    private boolean customerAskedForHuman;
    private boolean escalationRaised;
    private boolean humanDecision;
    private String engineerEta;
    private boolean engineerConfirmedFix;

    public String getActionId() {
        return actionId;
    }

    public void setActionId(String actionId) {
        this.actionId = actionId;
    }

    public String getConversationId() {
        return conversationId;
    }

    public void setConversationId(String conversationId) {
        this.conversationId = conversationId;
    }

    /**
     * reply, escalate, suppress_escalation, deflect, assign, reassign, change_state,
     * change_queue or close.
     */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = code(type);
    }

    /** Who proposes the action: "ai", "rule" or "human". Anything but "human" counts as automated. */
    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = code(actor);
    }

    /** The text the customer would receive (for replies); never null. */
    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text == null ? "" : text;
    }

    public boolean isCustomerAskedForHuman() {
        return customerAskedForHuman;
    }

    public void setCustomerAskedForHuman(boolean customerAskedForHuman) {
        this.customerAskedForHuman = customerAskedForHuman;
    }

    /** An escalation rule (or a person) already escalated this conversation. */
    public boolean isEscalationRaised() {
        return escalationRaised;
    }

    public void setEscalationRaised(boolean escalationRaised) {
        this.escalationRaised = escalationRaised;
    }

    /** A person decided the conversation's assignee, state or queue; automation must not undo it. */
    public boolean isHumanDecision() {
        return humanDecision;
    }

    public void setHumanDecision(boolean humanDecision) {
        this.humanDecision = humanDecision;
    }

    /** The ETA an engineer set on the linked resolution, or null when no engineer set one. */
    public String getEngineerEta() {
        return engineerEta;
    }

    public void setEngineerEta(String engineerEta) {
        this.engineerEta = engineerEta == null || engineerEta.isBlank() ? null : engineerEta.trim();
    }

    /** An engineer confirmed on the linked resolution that the fix is out. */
    public boolean isEngineerConfirmedFix() {
        return engineerConfirmedFix;
    }

    public void setEngineerConfirmedFix(boolean engineerConfirmedFix) {
        this.engineerConfirmedFix = engineerConfirmedFix;
    }

    private static String code(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
