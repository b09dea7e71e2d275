package io.continuum.routing;

import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live {@code escalation-triggers} rules (rules/escalation-triggers.drl): given what is
 * happening in a conversation, which triggers fire and what each asks for (escalate, raise the
 * priority, move the queue, notify a supervisor). {@link EscalationEvaluation} applies them.
 */
@ApplicationScoped
public class EscalationPolicy {

    public static final String NAME = "escalation-triggers";

    /** One fired trigger; {@code priority} only for raise-priority, {@code queue} only for move-queue. */
    public record Trigger(String rule, String reason, String action, Integer priority, String queue) {
    }

    /** The triggers that fired, and the version of the rules that fired them. */
    public record Verdict(List<Trigger> triggers, int policyVersion) {
    }

    private final DecisionService decisions;

    EscalationPolicy(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Transactional
    public Verdict decide(ConversationSignals signals, UUID conversationId) {
        Decision decision = decisions.decide(NAME, Map.of("signals", List.of(signals)), conversationId);
        List<Trigger> triggers = decision.outputs().get("triggers") instanceof List<?> list
                ? list.stream().map(EscalationPolicy::trigger).toList() : List.of();
        return new Verdict(triggers, decision.version());
    }

    private static Trigger trigger(Object output) {
        Map<?, ?> fields = (Map<?, ?>) output;
        Object priority = fields.get("priority");
        return new Trigger(String.valueOf(fields.get("rule")), String.valueOf(fields.get("reason")),
                String.valueOf(fields.get("action")), priority == null ? null : ((Number) priority).intValue(),
                fields.get("queue") == null ? null : String.valueOf(fields.get("queue")));
    }
}
