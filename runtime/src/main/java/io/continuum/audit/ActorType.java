package io.continuum.audit;

/** Who made a change: a person, the AI, a rule (with its policy version) or the platform itself. */
public enum ActorType {
    HUMAN, AI, RULE, SYSTEM;

    public String wireName() {
        return name().toLowerCase();
    }
}
