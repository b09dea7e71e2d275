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
public class AiActionVetting {

    public static final String POLICY = "ai-failsafes";

    private final DecisionService decisions;
    private final MeterRegistry meters;

    AiActionVetting(DecisionService decisions, MeterRegistry meters) {
        this.decisions = decisions;
        this.meters = meters;
    }

    /** The action as the failsafes judged it: go ahead (perhaps with a safer text), or not at all. */
    public record Outcome(boolean allowed, Optional<String> text, boolean handToHuman, List<String> rules,
                          UUID decisionId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome vet(ProposedAction action) {
        if (action.getActionId() == null) {
            action.setActionId(UUID.randomUUID().toString());
        }
        UUID conversationId = action.getConversationId() == null ? null : UUID.fromString(action.getConversationId());
        Decision decision = decisions.decide(POLICY, Map.of("actions", List.of(action)), conversationId);
        List<Map<String, Object>> verdicts = decision.outputs().containsKey("verdicts")
                ? decision.output("verdicts") : List.of();
        boolean logged = verdicts.stream().anyMatch(v -> "logged".equals(v.get("verdict")));
        if (!logged) {
            throw new IllegalStateException("The live ai-failsafes policy did not log action " + action.getActionId()
                    + "; automated actions are refused until it does");
        }
        List<Map<String, Object>> vetoes = verdicts.stream().filter(v -> "veto".equals(v.get("verdict"))).toList();
        List<Map<String, Object>> rewrites = verdicts.stream().filter(v -> "rewrite".equals(v.get("verdict"))).toList();
        vetoes.forEach(v -> count(v, "veto"));
        rewrites.forEach(v -> count(v, "rewrite"));
        List<String> rules = verdicts.stream().filter(v -> !"logged".equals(v.get("verdict")))
                .map(v -> String.valueOf(v.get("rule"))).toList();
        boolean handToHuman = verdicts.stream().anyMatch(v -> Boolean.TRUE.equals(v.get("handToHuman")));
        if (!vetoes.isEmpty()) {
            return new Outcome(false, Optional.empty(), handToHuman, rules, decision.id());
        }
        Optional<String> text = rewrites.stream().map(v -> (String) v.get("rewrittenText")).findFirst()
                .or(() -> Optional.ofNullable(action.getText()));
        return new Outcome(true, text, handToHuman, rules, decision.id());
    }

    private void count(Map<String, Object> verdict, String kind) {
        meters.counter("continuum_failsafe_interventions_total", "rule", String.valueOf(verdict.get("rule")), "verdict", kind)
                .increment();
    }
}
