package io.continuum.erasure;

import java.util.Arrays;

/**
 * Why a customer is erased: a closed list, so the audit entry says why without free text that could
 * itself name the person.
 */
public enum ErasureReason {
    /** The person asked to be forgotten (GDPR article 17). */
    CUSTOMER_REQUEST("customer-request"),
    /** The retention period for their data ended. */
    RETENTION_ENDED("retention-ended"),
    /** A law or a court requires it. */
    LEGAL_OBLIGATION("legal-obligation");

    private final String wireName;

    ErasureReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ErasureReason fromWire(String value) {
        return Arrays.stream(values()).filter(reason -> reason.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown erasure reason " + value));
    }
}
