package io.continuum.routing;

/**
 * What the escalation rules know about a conversation at one moment.
 * A mutable bean because Drools property reactivity and Kogito's generated
 * JSON binding both work on getters and setters.
 */
public class ConversationSignals {

    private String conversationId;
    private String lastMessage = "";
    private boolean customerAskedForHuman;
    private double aiConfidence = 1.0;
    private boolean personAnswered;
    private double sentimentTrend;
    private long minutesWaiting;
    private String slaState = "ok";
    private String queue;
    private int priority = 3;

    public String getConversationId() {
        return conversationId;
    }

    public void setConversationId(String conversationId) {
        this.conversationId = conversationId;
    }

    public String getLastMessage() {
        return lastMessage;
    }

    public void setLastMessage(String lastMessage) {
        this.lastMessage = lastMessage == null ? "" : lastMessage;
    }

    public boolean isCustomerAskedForHuman() {
        return customerAskedForHuman;
    }

    public void setCustomerAskedForHuman(boolean customerAskedForHuman) {
        this.customerAskedForHuman = customerAskedForHuman;
    }

    public double getAiConfidence() {
        return aiConfidence;
    }

    public void setAiConfidence(double aiConfidence) {
        this.aiConfidence = aiConfidence;
    }

    /** Whether an agent (a person, not the AI or an automation) has written to the customer in this conversation. */
    public boolean isPersonAnswered() {
        return personAnswered;
    }

    public void setPersonAnswered(boolean personAnswered) {
        this.personAnswered = personAnswered;
    }

    /** Change in sentiment across the customer's last messages, -2 (collapse) .. 2 (recovery). */
    public double getSentimentTrend() {
        return sentimentTrend;
    }

    public void setSentimentTrend(double sentimentTrend) {
        this.sentimentTrend = sentimentTrend;
    }

    public long getMinutesWaiting() {
        return minutesWaiting;
    }

    public void setMinutesWaiting(long minutesWaiting) {
        this.minutesWaiting = minutesWaiting;
    }

    /** "ok", "warning" (an SLA clock passed its warning threshold) or "breached". */
    public String getSlaState() {
        return slaState;
    }

    public void setSlaState(String slaState) {
        this.slaState = slaState == null ? "ok" : slaState;
    }

    /** The conversation's queue (routing.dmn); empty before triage. */
    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    /** Queue priority, 1 (first) .. 4. */
    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }
}
