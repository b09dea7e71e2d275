package io.continuum.resolution;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the engineering work on a Resolution stands. Legal moves only: forward through the fix,
 * back when a fix or a deploy fails, and nothing out of resolved (a new problem is a new Resolution).
 */
public enum ResolutionStatus {
    INVESTIGATING, AWAITING_FIX, FIX_IN_PROGRESS, AWAITING_DEPLOY, MONITORING, RESOLVED;

    public Set<ResolutionStatus> next() {
        return switch (this) {
            case INVESTIGATING -> EnumSet.of(AWAITING_FIX, FIX_IN_PROGRESS);
            case AWAITING_FIX -> EnumSet.of(INVESTIGATING, FIX_IN_PROGRESS);
            case FIX_IN_PROGRESS -> EnumSet.of(INVESTIGATING, AWAITING_DEPLOY);
            case AWAITING_DEPLOY -> EnumSet.of(FIX_IN_PROGRESS, MONITORING);
            case MONITORING -> EnumSet.of(INVESTIGATING, RESOLVED);
            case RESOLVED -> EnumSet.noneOf(ResolutionStatus.class);
        };
    }

    public boolean canMoveTo(ResolutionStatus to) {
        return next().contains(to);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a customer reads it in an update. */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static Optional<ResolutionStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
