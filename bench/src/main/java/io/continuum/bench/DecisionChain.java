package io.continuum.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.engine.CompiledPolicy;
import io.continuum.failsafes.FailsafePolicy;
import io.continuum.firstcontact.SeverityPolicy;
import io.continuum.routing.QueuePolicy;
import io.continuum.sla.SlaPolicy;

import java.util.List;
import java.util.Map;

/**
 * What the platform decides about one inbound message, in the order triage decides it: its
 * {@code severity}, where it goes ({@code routing}), its SLA targets ({@code sla-policy}), and
 * whether the AI's proposed reply passes the {@code ai-failsafes} rule unit. Inputs and outputs go
 * through the platform's own policy contracts ({@link SeverityPolicy}, {@link QueuePolicy},
 * {@link SlaPolicy}, {@link FailsafePolicy}); only the engine call is direct, without the decision log.
 */
final class DecisionChain {

    static final List<String> POLICIES = List.of(SeverityPolicy.NAME, QueuePolicy.NAME, SlaPolicy.NAME,
            FailsafePolicy.POLICY);

    /** The decision service hands the engine plain JSON values; so does the chain. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PLAIN = new TypeReference<>() {
    };

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
        this.severity = require(compiled, SeverityPolicy.NAME);
        this.routing = require(compiled, QueuePolicy.NAME);
        this.slaPolicy = require(compiled, SlaPolicy.NAME);
        this.aiFailsafes = require(compiled, FailsafePolicy.POLICY);
    }

    /**
     * Runs the four decisions on one case; throws when an output is missing or not what the
     * platform expects, so a model that changed its outputs shows as errors rather than speed.
     */
    void decide(TriageCases.TriageCase triageCase, StepTimer timer) {
        long start = System.nanoTime();
        String level = SeverityPolicy.level(severity.evaluate(triageCase.severityInputs().context()).outputs());
        if (level == null || !level.matches("P[0-3]")) {
            throw new IllegalStateException("severity returned " + level);
        }
        long afterSeverity = System.nanoTime();
        timer.step(0, afterSeverity - start);

        QueuePolicy.Route route = QueuePolicy.Route.of(routing.evaluate(triageCase.routingInputs(level).context())
                .outputs(), 1);
        if (route.queue() == null) {
            throw new IllegalStateException("routing returned no queue: " + route);
        }
        long afterRouting = System.nanoTime();
        timer.step(1, afterRouting - afterSeverity);

        SlaPolicy.Targets targets = SlaPolicy.Targets.of(slaPolicy.evaluate(triageCase.slaInputs(level).context())
                .outputs(), 1);
        if (targets.firstResponse() == null) {
            throw new IllegalStateException("sla-policy returned no firstResponseDue: " + targets);
        }
        long afterSla = System.nanoTime();
        timer.step(2, afterSla - afterRouting);

        Map<String, Object> action = JSON.convertValue(FailsafePolicy.inputs(triageCase.proposedReply()), PLAIN);
        if (FailsafePolicy.verdicts(aiFailsafes.evaluate(action).outputs()).isEmpty()) {
            throw new IllegalStateException("ai-failsafes returned no verdicts");
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
