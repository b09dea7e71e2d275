package io.continuum.retention;

import java.util.Arrays;

/** What retention-policy.dmn decides about a conversation. */
public enum RetentionOutcome {
    KEEP("keep"),
    /** Messages, notes and attachments go; the conversation stays as a shell, the customer stays. */
    REDACT_CONTENT("redact-content"),
    /** The customer and everyone merged with them are erased (their conversations stay as shells). */
    ERASE_CUSTOMER("erase-customer");

    private final String wireName;

    RetentionOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The table's output; no matching row (a version without the catch-all) keeps: deleting needs a row that says so. */
    static RetentionOutcome fromOutput(Object output) {
        return Arrays.stream(values()).filter(outcome -> outcome.wireName.equals(output)).findFirst().orElse(KEEP);
    }
}
