package io.continuum.resolution;

import io.continuum.conversation.Conversation;
import io.continuum.identity.IdentityService;
import io.continuum.sla.SlaPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * How often the customers of a Resolution hear from us: the live `sla-policy`'s
 * proactiveUpdateInterval for the first linked conversation (its customer's tier, its severity and
 * channel), decided through the decision service so it is logged and explainable. Never longer than
 * 12 hours, whatever a policy says: silence is failure.
 */
@ApplicationScoped
public class UpdateCadence {

    public static final Duration LONGEST = Duration.ofHours(12);
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final SlaPolicy slaPolicy;
    private final IdentityService identity;

    UpdateCadence(SlaPolicy slaPolicy, IdentityService identity) {
        this.slaPolicy = slaPolicy;
        this.identity = identity;
    }

    public Duration interval(Optional<Conversation> firstLinked) {
        if (firstLinked.isEmpty()) {
            return LONGEST;
        }
        Conversation conversation = firstLinked.get();
        SlaPolicy.Inputs inputs = new SlaPolicy.Inputs(
                identity.find(conversation.customerId).map(c -> c.tier).orElse("standard"),
                conversation.severity == null ? "P1" : conversation.severity, conversation.currentChannel);
        Optional<Duration> decided = slaPolicy.decide(inputs, conversation.id).proactiveUpdateInterval();
        if (decided.isEmpty()) {
            return LONGEST;
        }
        Duration interval = decided.get();
        if (interval.compareTo(LONGEST) > 0) {
            return LONGEST;
        }
        return interval.compareTo(SHORTEST) < 0 ? SHORTEST : interval;
    }
}
