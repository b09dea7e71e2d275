package io.continuum.routing;

/**
 * One thing a rule asks for, named after the rule that raised it: escalate (the default),
 * raise-priority (to {@code priority}), move-queue (to {@code queue}) or notify-supervisor.
 */
public class EscalationTrigger {

    private String conversationId;
    private String rule;
    private String reason;
    private String action = "escalate";
    private String queue;
    private Integer priority;

    public EscalationTrigger() {
    }

    public EscalationTrigger(String conversationId, String rule, String reason) {
        this.conversationId = conversationId;
        this.rule = rule;
        this.reason = reason;
    }

    public EscalationTrigger(String conversationId, String rule, String reason, String action) {
        this(conversationId, rule, reason);
        this.action = action;
    }

    public static EscalationTrigger raisePriority(String conversationId, String rule, String reason, int priority) {
        EscalationTrigger trigger = new EscalationTrigger(conversationId, rule, reason, "raise-priority");
        trigger.priority = priority;
        return trigger;
    }

    public static EscalationTrigger moveQueue(String conversationId, String rule, String reason, String queue) {
        EscalationTrigger trigger = new EscalationTrigger(conversationId, rule, reason, "move-queue");
        trigger.queue = queue;
        return trigger;
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

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public Integer getPriority() {
        return priority;
    }

    public void setPriority(Integer priority) {
        this.priority = priority;
    }
}
