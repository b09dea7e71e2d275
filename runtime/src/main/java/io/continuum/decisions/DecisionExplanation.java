package io.continuum.decisions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A logged decision as the API shows it; {@code inputsErased} when its customer was erased (inputs then empty). */
public record DecisionExplanation(UUID id, String policy, int version, Map<String, Object> inputs, boolean inputsErased,
                                  Map<String, Object> outputs, List<Map<String, Object>> fired, long durationMicros,
                                  Instant evaluatedAt, String explanation) {

    public static DecisionExplanation of(DecisionRecord record) {
        return new DecisionExplanation(record.id, record.policyName, record.policyVersion, record.inputs,
                record.inputsErased, record.outputs, record.fired, record.durationMicros, record.evaluatedAt,
                Explanations.of(record));
    }
}
