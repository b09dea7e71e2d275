package io.continuum.firstcontact;

/** A fallback rule's correction of a classification: which intent to use instead, and why. */
public class ClassificationAdjustment {

    private String conversationId;
    private String rule;
    private String fromIntent;
    private String toIntent;
    private String reason;

    public ClassificationAdjustment() {
    }

    public ClassificationAdjustment(String conversationId, String rule, String fromIntent, String toIntent, String reason) {
        this.conversationId = conversationId;
        this.rule = rule;
        this.fromIntent = fromIntent;
        this.toIntent = toIntent;
        this.reason = reason;
    }

    public String getConversationId() {
        return conversationId;
    }

    public void setConversationId(String conversationId) {
        this.conversationId = conversationId;
    }

    /** The name of the rule that made the adjustment. */
    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    public String getFromIntent() {
        return fromIntent;
    }

    public void setFromIntent(String fromIntent) {
        this.fromIntent = fromIntent;
    }

    public String getToIntent() {
        return toIntent;
    }

    public void setToIntent(String toIntent) {
        this.toIntent = toIntent;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
