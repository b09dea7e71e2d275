package io.continuum.bench;

import io.continuum.decisions.engine.CompiledPolicy;
import io.continuum.decisions.engine.Evaluation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the platform decides about one inbound message, in order: its {@code severity}, where it
 * goes ({@code routing}, which needs the severity), its SLA targets ({@code sla-policy}, likewise),
 * and whether the AI's proposed reply passes the {@code ai-failsafes} rule unit. Each step
 * builds its inputs from the case and the earlier outputs, as the platform's services do.
 */
final class DecisionChain {

    static final List<String> POLICIES = List.of("severity", "routing", "sla-policy", "ai-failsafes");

    private static final Set<String> SEVERITIES = Set.of("P0", "P1", "P2", "P3");

    /** Told how long each step took, in the order of {@link #POLICIES}. */
    interface StepTimer {
        void step(int index, long nanos);
    }

    private final CompiledPolicy severity;
    private final CompiledPolicy routing;
    private final CompiledPolicy slaPolicy;
    private final CompiledPolicy aiFailsafes;

    /** @param compiled every policy of {@link #POLICIES} by name */
    DecisionChain(Map<String, CompiledPolicy> compiled) {
        this.severity = require(compiled, "severity");
        this.routing = require(compiled, "routing");
        this.slaPolicy = require(compiled, "sla-policy");
        this.aiFailsafes = require(compiled, "ai-failsafes");
    }

    /**
     * Runs the four decisions on one case; throws when an output is missing or not what the
     * platform expects, so a model that changed its outputs shows as errors rather than speed.
     */
    void decide(TriageCases.TriageCase triageCase, StepTimer timer) {
        long start = System.nanoTime();
        Object level = severity.evaluate(triageCase.severityInputs()).outputs().get("severity");
        if (!(level instanceof String severityLevel) || !SEVERITIES.contains(severityLevel)) {
            throw new IllegalStateException("severity returned " + level);
        }
        long afterSeverity = System.nanoTime();
        timer.step(0, afterSeverity - start);

        Evaluation route = routing.evaluate(triageCase.routingInputs(severityLevel));
        if (!(route.outputs().get("routing") instanceof Map<?, ?> decided) || decided.get("queue") == null) {
            throw new IllegalStateException("routing returned no routing.queue: " + route.outputs());
        }
        long afterRouting = System.nanoTime();
        timer.step(1, afterRouting - afterSeverity);

        Evaluation targets = slaPolicy.evaluate(triageCase.slaInputs(severityLevel));
        if (!(targets.outputs().get("sla-policy") instanceof Map<?, ?> due) || due.get("firstResponseDue") == null) {
            throw new IllegalStateException("sla-policy returned no firstResponseDue: " + targets.outputs());
        }
        long afterSla = System.nanoTime();
        timer.step(2, afterSla - afterRouting);

        Evaluation checked = aiFailsafes.evaluate(triageCase.failsafeInputs());
        if (!(checked.outputs().get("verdicts") instanceof List<?> verdicts) || verdicts.isEmpty()) {
            throw new IllegalStateException("ai-failsafes returned no verdicts: " + checked.outputs());
        }
        timer.step(3, System.nanoTime() - afterSla);
    }

    private static CompiledPolicy require(Map<String, CompiledPolicy> compiled, String name) {
        CompiledPolicy policy = compiled.get(name);
        if (policy == null) {
            throw new IllegalArgumentException("The chain needs the policy " + name);
        }
        return policy;
    }
}
