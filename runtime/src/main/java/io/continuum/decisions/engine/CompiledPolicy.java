package io.continuum.decisions.engine;

import java.util.Map;

/** A policy version compiled by the Drools/DMN engine at run time, ready to evaluate. */
public sealed interface CompiledPolicy permits DmnPolicy, DrlPolicy {

    /**
     * Evaluates the policy on JSON-like inputs (strings, numbers, booleans, lists, maps).
     *
     * @throws PolicyEvaluationException when the inputs do not fit the policy
     */
    Evaluation evaluate(Map<String, Object> inputs);
}
