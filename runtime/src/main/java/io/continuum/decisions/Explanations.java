package io.continuum.decisions;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Says in words why a decision came out as it did, for a supervisor asking "why did this go there?". */
final class Explanations {

    private Explanations() {
    }

    static String of(DecisionRecord decision) {
        String outcome = decision.outputs.isEmpty() ? "no outcome" : decision.outputs.entrySet().stream()
                .map(entry -> entry.getKey() + " = " + describe(entry.getValue()))
                .collect(Collectors.joining(", "));
        String because = decision.fired.isEmpty()
                ? "no row or rule matched"
                : decision.fired.stream().map(Explanations::describeRule).collect(Collectors.joining("; ")) + " matched";
        String given = decision.inputsErased ? "inputs erased with the customer" : decision.inputs.entrySet().stream()
                .map(entry -> entry.getKey() + " = " + describe(entry.getValue()))
                .collect(Collectors.joining(", "));
        return decision.policyName + " version " + decision.policyVersion + " decided " + outcome + " because " + because
                + ", given " + given + " (" + decision.durationMicros + " µs)";
    }

    private static String describeRule(Map<String, Object> rule) {
        Object description = rule.get("description");
        String id = String.valueOf(rule.get("id"));
        return description == null || description.toString().isBlank()
                ? "'" + id + "'"
                : "'" + id + "' (" + description + ")";
    }

    private static String describe(Object value) {
        if (value instanceof List<?> list && list.size() > 3) {
            return list.size() + " items";
        }
        return String.valueOf(value);
    }
}
