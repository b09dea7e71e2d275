package io.continuum.firstcontact;

import java.util.Arrays;
import java.util.Optional;

/** The six first-contact intents; their wire names are what policies, examples and the API use. */
public enum Intent {
    HOW_TO_GUIDANCE("how_to_guidance"),
    ACCOUNT_ACCESS_ISSUE("account_access_issue"),
    TRANSACTION_SYSTEM_FAILURE("transaction_system_failure"),
    BUG_TECHNICAL_DEFECT("bug_technical_defect"),
    URGENT_HIGH_RISK("urgent_high_risk"),
    NOISE_LOW_INTENT("noise_low_intent");

    private final String wireName;

    Intent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Intent> ofWireName(String name) {
        return Arrays.stream(values()).filter(intent -> intent.wireName.equals(name)).findFirst();
    }
}
