package io.continuum.resolution;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of problem a Resolution tracks; decides the default owning team. */
public enum IssueType {
    TECHNICAL(OwningTeam.ENGINEERING), BILLING(OwningTeam.FINANCE), OPS(OwningTeam.INFRA), COMPLIANCE(OwningTeam.ENGINEERING);

    private final OwningTeam defaultTeam;

    IssueType(OwningTeam defaultTeam) {
        this.defaultTeam = defaultTeam;
    }

    public OwningTeam defaultTeam() {
        return defaultTeam;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IssueType> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
