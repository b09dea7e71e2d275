package io.continuum.decisions.engine;

import java.util.List;
import java.util.Map;

/** Outputs (JSON-friendly values) and the rows or rules that produced them, in firing order. */
public record Evaluation(Map<String, Object> outputs, List<FiredRule> fired) {

    /** A decision-table row (id, table and description from the model) or a DRL rule (name). */
    public record FiredRule(String id, String table, String description) {
    }
}
