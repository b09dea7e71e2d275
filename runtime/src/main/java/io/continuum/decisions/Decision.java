package io.continuum.decisions;

import io.continuum.decisions.engine.Evaluation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The result of one automated decision, as recorded in the decision log under {@code id}. */
public record Decision(UUID id, String policy, int version, Map<String, Object> outputs,
                       List<Evaluation.FiredRule> fired, long durationMicros) {

    /** The output of the decision (DMN) or store (DRL) with this name. */
    @SuppressWarnings("unchecked")
    public <T> T output(String name) {
        return (T) outputs.get(name);
    }
}
