package io.continuum.failsafes;

import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every automated action passes the live `ai-failsafes` policy before it happens. The decision
 * is logged like every other; vetoes and rewrites are counted per rule
 * ({@code continuum_failsafe_interventions_total}). The caller applies the outcome.
 */
@ApplicationScoped
public class FailsafePolicy {

    public static final String POLICY = "ai-failsafes";

    private final DecisionService decisions;
    private final MeterRegistry meters;

    FailsafePolicy(DecisionService decisions, MeterRegistry meters) {
        this.decisions = decisions;
        this.meters = meters;
    }

    /** The action as the failsafes judged it: go ahead (perhaps with a safer text), or not at all. */
    public record Outcome(boolean allowed, Optional<String> text, boolean handToHuman, List<String> rules,
                          UUID decisionId) {
    }

    /** The rule unit's input: the one action to judge. */
    public static Map<String, Object> inputs(ProposedAction action) {
        return Map.of("actions", List.of(action));
    }

    /** What the rules said about the action, one verdict per rule that spoke (always one "logged"). */
    public static List<FailsafeVerdict> verdicts(Map<String, Object> outputs) {
        return outputs.get("verdicts") instanceof List<?> list ? list.stream().map(FailsafePolicy::verdict).toList() : List.of();
    }

    private static FailsafeVerdict verdict(Object output) {
        Map<?, ?> fields = (Map<?, ?>) output;
        return new FailsafeVerdict((String) fields.get("actionId"), String.valueOf(fields.get("rule")),
                String.valueOf(fields.get("verdict")), (String) fields.get("reason"), (String) fields.get("rewrittenText"),
                Boolean.TRUE.equals(fields.get("handToHuman")));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome vet(ProposedAction action) {
        if (action.getActionId() == null) {
            action.setActionId(UUID.randomUUID().toString());
        }
        UUID conversationId = action.getConversationId() == null ? null : UUID.fromString(action.getConversationId());
        Decision decision = decisions.decide(POLICY, inputs(action), conversationId);
        List<FailsafeVerdict> verdicts = verdicts(decision.outputs());
        boolean logged = verdicts.stream().anyMatch(v -> "logged".equals(v.getVerdict()));
        if (!logged) {
            throw new IllegalStateException("The live ai-failsafes policy did not log action " + action.getActionId()
                    + "; automated actions are refused until it does");
        }
        List<FailsafeVerdict> vetoes = verdicts.stream().filter(v -> "veto".equals(v.getVerdict())).toList();
        List<FailsafeVerdict> rewrites = verdicts.stream().filter(v -> "rewrite".equals(v.getVerdict())).toList();
        vetoes.forEach(v -> count(v, "veto"));
        rewrites.forEach(v -> count(v, "rewrite"));
        List<String> rules = verdicts.stream().filter(v -> !"logged".equals(v.getVerdict())).map(FailsafeVerdict::getRule).toList();
        boolean handToHuman = verdicts.stream().anyMatch(FailsafeVerdict::isHandToHuman);
        if (!vetoes.isEmpty()) {
            return new Outcome(false, Optional.empty(), handToHuman, rules, decision.id());
        }
        Optional<String> text = rewrites.stream().map(FailsafeVerdict::getRewrittenText).findFirst()
                .or(() -> Optional.ofNullable(action.getText()));
        return new Outcome(true, text, handToHuman, rules, decision.id());
    }

    private void count(FailsafeVerdict verdict, String kind) {
        meters.counter("continuum_failsafe_interventions_total", "rule", verdict.getRule(), "verdict", kind).increment();
    }
}
