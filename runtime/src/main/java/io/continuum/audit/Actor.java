package io.continuum.audit;

/** The author of a change as recorded in the audit log; {@code version} names a rule's policy version. */
public record Actor(ActorType type, String name, String version) {

    public static Actor human(String username) {
        return new Actor(ActorType.HUMAN, username, null);
    }

    public static Actor system(String component) {
        return new Actor(ActorType.SYSTEM, component, null);
    }

    public static Actor rule(String policy, String version) {
        return new Actor(ActorType.RULE, policy, version);
    }

    public static Actor ai(String model) {
        return new Actor(ActorType.AI, model, null);
    }
}
