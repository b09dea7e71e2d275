package io.continuum.resolution;

import io.continuum.conversation.Conversation;
import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import io.continuum.identity.IdentityService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How often the customers of a Resolution hear from us: the live `sla-policy`'s
 * proactiveUpdateInterval for the first linked conversation (its customer's tier, its severity and
 * channel), decided through the decision service so it is logged and explainable. Never longer than
 * 12 hours, whatever a policy says: silence is failure.
 */
@ApplicationScoped
public class UpdateCadence {

    public static final String POLICY = "sla-policy";
    public static final Duration LONGEST = Duration.ofHours(12);
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final DecisionService decisions;
    private final IdentityService identity;

    UpdateCadence(DecisionService decisions, IdentityService identity) {
        this.decisions = decisions;
        this.identity = identity;
    }

    public Duration interval(Optional<Conversation> firstLinked) {
        if (firstLinked.isEmpty()) {
            return LONGEST;
        }
        Conversation conversation = firstLinked.get();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("tier", identity.find(conversation.customerId).map(c -> c.tier).orElse("standard"));
        inputs.put("severity", conversation.severity == null ? "P1" : conversation.severity);
        inputs.put("channel", conversation.currentChannel);
        Decision decision = decisions.decide(POLICY, inputs, conversation.id);
        Map<String, Object> targets = decision.output(POLICY);
        Object value = targets == null ? null : targets.get("proactiveUpdateInterval");
        if (value == null) {
            return LONGEST;
        }
        Duration interval = Duration.parse(value.toString());
        if (interval.compareTo(LONGEST) > 0) {
            return LONGEST;
        }
        return interval.compareTo(SHORTEST) < 0 ? SHORTEST : interval;
    }
}
