package io.continuum.conversation;

public enum Direction {
    INBOUND, OUTBOUND;

    public String wireName() {
        return name().toLowerCase();
    }
}
