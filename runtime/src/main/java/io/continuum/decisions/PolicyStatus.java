package io.continuum.decisions;

/**
 * A version's life: validated when uploaded (a version that does not compile is never stored),
 * published while it decides, retired when another version replaced it (and can be published again).
 */
public enum PolicyStatus {
    VALIDATED, PUBLISHED, RETIRED;

    public String wireName() {
        return name().toLowerCase();
    }
}
