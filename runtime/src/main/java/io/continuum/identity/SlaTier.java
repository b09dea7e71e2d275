package io.continuum.identity;

/** What a customer pays for; SLA policies and severity read it. */
public enum SlaTier {
    FREE, STANDARD, PREMIUM, ENTERPRISE;

    public String wireName() {
        return name().toLowerCase();
    }

    public static SlaTier fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
