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
    private double sentimentTrend;
    private long minutesWaiting;

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
}
