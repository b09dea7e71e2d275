package io.continuum.decisions;

import java.util.Optional;

/** The two kinds of policy source: a DMN model (decision tables) or a DRL rule unit. */
public enum PolicyKind {
    DMN("dmn"), DRL("drl");

    private final String extension;

    PolicyKind(String extension) {
        this.extension = extension;
    }

    public String wireName() {
        return extension;
    }

    public String extension() {
        return extension;
    }

    /** Where the baseline of this kind lives in the repository. */
    public String folder() {
        return this == DMN ? "decision-tables" : "rules";
    }

    public static PolicyKind fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    public static Optional<PolicyKind> ofFileName(String fileName) {
        if (fileName.endsWith(".dmn")) {
            return Optional.of(DMN);
        }
        if (fileName.endsWith(".drl")) {
            return Optional.of(DRL);
        }
        return Optional.empty();
    }
}
