package io.continuum.consent;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a customer may (or may not) be contacted for. Without any record, the purposes that serve the
 * customer's own request go ahead unless withdrawn (answers, and news about an issue they reported, are
 * service messages in most jurisdictions: performance of the contract they asked for); surveys and
 * marketing need an explicit grant (opt-in).
 */
public enum ConsentPurpose {
    SERVICE_MESSAGES("service-messages", true),
    PROACTIVE_UPDATES("proactive-updates", true),
    SURVEYS("surveys", false),
    MARKETING("marketing", false);

    private final String wireName;
    private final boolean allowedUntilWithdrawn;

    ConsentPurpose(String wireName, boolean allowedUntilWithdrawn) {
        this.wireName = wireName;
        this.allowedUntilWithdrawn = allowedUntilWithdrawn;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a customer who never said anything about this purpose may be contacted for it. */
    public boolean allowedWithoutRecord() {
        return allowedUntilWithdrawn;
    }

    public static Optional<ConsentPurpose> fromWire(String value) {
        return Arrays.stream(values()).filter(purpose -> purpose.wireName.equals(value)).findFirst();
    }
}
