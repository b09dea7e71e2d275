package io.continuum.failsafes;

/**
 * What one failsafe rule decided about one proposed action: "veto" (the action must not
 * happen), "rewrite" (send {@link #getRewrittenText()} instead of the proposed text) or
 * "logged" (the action was seen and recorded). A veto outranks a rewrite.
 */
public class FailsafeVerdict {

    private String actionId;
    private String rule;
    private String verdict;
    private String reason;
    private String rewrittenText;
    private boolean handToHuman;

    public FailsafeVerdict() {
    }

    public FailsafeVerdict(String actionId, String rule, String verdict, String reason, String rewrittenText,
                           boolean handToHuman) {
        this.actionId = actionId;
        this.rule = rule;
        this.verdict = verdict;
        this.reason = reason;
        this.rewrittenText = rewrittenText;
        this.handToHuman = handToHuman;
    }

    public String getActionId() {
        return actionId;
    }

    public void setActionId(String actionId) {
        this.actionId = actionId;
    }

    /** The name of the rule that gave the verdict. */
    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    /** "veto", "rewrite" or "logged". */
    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    /** The safe text to send instead, for a "rewrite"; null otherwise. */
    public String getRewrittenText() {
        return rewrittenText;
    }

    public void setRewrittenText(String rewrittenText) {
        this.rewrittenText = rewrittenText;
    }

    /** The conversation must go to a person now (the AI stops answering it). */
    public boolean isHandToHuman() {
        return handToHuman;
    }

    public void setHandToHuman(boolean handToHuman) {
        this.handToHuman = handToHuman;
    }
}
