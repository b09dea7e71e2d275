package io.continuum.resolution;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The team that owns the fix; its members are invited to the swarm channel. */
public enum OwningTeam {
    ENGINEERING, INFRA, FINANCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OwningTeam> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
