package io.continuum.identity;

/** The kinds of identifier in a customer's identity graph. */
public enum IdentifierKind {
    EMAIL, PHONE, SOCIAL, DEVICE;

    public String wireName() {
        return name().toLowerCase();
    }

    public static IdentifierKind fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
