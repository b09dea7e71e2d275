package io.continuum.firstcontact;

import java.util.Locale;

/**
 * What the first-contact classifier said about one inbound message, with the risk signals
 * found in its text. The input of the classification fallback rules.
 * A mutable bean because Drools and Kogito's generated JSON binding both work on getters and setters.
 */
public class ClassificationFacts {

    private String conversationId;
    private String text = "";
    private String intent = "unknown";
    private double confidence;
    private boolean moneySignal;
    private boolean securitySignal;
    private boolean legalSignal;
    private boolean outageSignal;

    public String getConversationId() {
        return conversationId;
    }

    public void setConversationId(String conversationId) {
        this.conversationId = conversationId;
    }

    /** The customer's message; never null (a missing text is empty). */
    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text == null ? "" : text;
    }

    /**
     * One of how_to_guidance, account_access_issue, transaction_system_failure,
     * bug_technical_defect, urgent_high_risk, noise_low_intent or unknown; never null
     * (a missing intent is unknown).
     */
    public String getIntent() {
        return intent;
    }

    public void setIntent(String intent) {
        this.intent = intent == null || intent.isBlank() ? "unknown" : intent.trim().toLowerCase(Locale.ROOT);
    }

    /** How sure the classifier is of the intent, 0 .. 1. */
    public double getConfidence() {
        return confidence;
    }

    public void setConfidence(double confidence) {
        this.confidence = confidence;
    }

    public boolean isMoneySignal() {
        return moneySignal;
    }

    public void setMoneySignal(boolean moneySignal) {
        this.moneySignal = moneySignal;
    }

    public boolean isSecuritySignal() {
        return securitySignal;
    }

    public void setSecuritySignal(boolean securitySignal) {
        this.securitySignal = securitySignal;
    }

    public boolean isLegalSignal() {
        return legalSignal;
    }

    public void setLegalSignal(boolean legalSignal) {
        this.legalSignal = legalSignal;
    }

    public boolean isOutageSignal() {
        return outageSignal;
    }

    public void setOutageSignal(boolean outageSignal) {
        this.outageSignal = outageSignal;
    }
}
