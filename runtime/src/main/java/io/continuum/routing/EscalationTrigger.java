package io.continuum.routing;

/** One reason to hand a conversation to a human, named after the rule that raised it. */
public class EscalationTrigger {

    private String conversationId;
    private String rule;
    private String reason;

    public EscalationTrigger() {
    }

    public EscalationTrigger(String conversationId, String rule, String reason) {
        this.conversationId = conversationId;
        this.rule = rule;
        this.reason = reason;
    }

    public String getConversationId() {
        return conversationId;
    }

    public void setConversationId(String conversationId) {
        this.conversationId = conversationId;
    }

    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
