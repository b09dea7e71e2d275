package io.continuum.firstcontact;

import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live {@code classification-fallbacks} rules (rules/classification-fallbacks.drl): can we
 * trust the classifier's intent, and if not, which intent instead? At most one adjustment applies.
 */
@ApplicationScoped
public class FallbackPolicy {

    public static final String NAME = "classification-fallbacks";

    /** A rule's correction: which intent to use instead, and why. */
    public record Adjustment(String rule, String fromIntent, String toIntent, String reason) {
    }

    /** The intent that stands after the rules, and the adjustments that produced it (none: the classifier's). */
    public record Verdict(String intent, List<Adjustment> adjustments) {

        public List<String> rules() {
            return adjustments.stream().map(Adjustment::rule).toList();
        }
    }

    private final DecisionService decisions;

    FallbackPolicy(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Transactional
    public Verdict decide(ClassificationFacts facts, UUID conversationId) {
        Decision decision = decisions.decide(NAME, Map.of("classifications", List.of(facts)), conversationId);
        return verdict(facts, decision.outputs());
    }

    /** The verdict of the live rules without logging it: for a reading that may change nothing (a follow-up). */
    public Verdict tryLive(ClassificationFacts facts) {
        return verdict(facts, decisions.tryLive(NAME, Map.of("classifications", List.of(facts))).outputs());
    }

    /** The verdict in the rules' outputs about one classification ({@code facts}). */
    public static Verdict verdict(ClassificationFacts facts, Map<String, Object> outputs) {
        List<Adjustment> adjustments = outputs.get("adjustments") instanceof List<?> list
                ? list.stream().map(FallbackPolicy::adjustment).toList() : List.of();
        return new Verdict(adjustments.isEmpty() ? facts.getIntent() : adjustments.get(0).toIntent(), adjustments);
    }

    private static Adjustment adjustment(Object output) {
        Map<?, ?> fields = (Map<?, ?>) output;
        return new Adjustment(String.valueOf(fields.get("rule")), (String) fields.get("fromIntent"),
                String.valueOf(fields.get("toIntent")), (String) fields.get("reason"));
    }
}
