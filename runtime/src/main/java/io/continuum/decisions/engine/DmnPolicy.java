package io.continuum.decisions.engine;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A DMN model compiled at run time; records which decision-table rows were selected. */
public final class DmnPolicy implements CompiledPolicy {

    /** Rows selected during the evaluation running on this thread (the listener is shared by the runtime). */
    private static final ThreadLocal<List<Evaluation.FiredRule>> SELECTED = ThreadLocal.withInitial(ArrayList::new);

    private final DMNRuntime runtime;
    private final DMNModel model;
    private final Map<String, String> rowDescriptions;

    DmnPolicy(DMNRuntime runtime, DMNModel model) {
        this.runtime = runtime;
        this.model = model;
        this.rowDescriptions = model.getDefinitions().getDrgElement().stream()
                .filter(element -> element instanceof org.kie.dmn.model.api.Decision)
                .map(element -> ((org.kie.dmn.model.api.Decision) element).getExpression())
                .filter(expression -> expression instanceof DecisionTable)
                .flatMap(table -> ((DecisionTable) table).getRule().stream())
                .collect(Collectors.toMap(DecisionRule::getId,
                        rule -> rule.getDescription() == null ? "" : rule.getDescription().trim(), (a, b) -> a));
        runtime.addListener(new DMNRuntimeEventListener() {
            @Override
            public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
                for (String rowId : event.getSelectedIds()) {
                    SELECTED.get().add(new Evaluation.FiredRule(rowId, event.getDecisionTableName(),
                            rowDescriptions.getOrDefault(rowId, "")));
                }
            }
        });
    }

    @Override
    public Evaluation evaluate(Map<String, Object> inputs) {
        DMNContext context = runtime.newContext();
        inputs.forEach((name, value) -> context.set(name, feelValue(value)));
        SELECTED.get().clear();
        try {
            DMNResult result = runtime.evaluateAll(model, context);
            if (result.hasErrors()) {
                throw new PolicyEvaluationException(result.getMessages().stream()
                        .filter(message -> message.getSeverity() == org.kie.dmn.api.core.DMNMessage.Severity.ERROR)
                        .map(org.kie.dmn.api.core.DMNMessage::getText)
                        .collect(Collectors.joining("; ")));
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            result.getDecisionResults().forEach(decision ->
                    outputs.put(decision.getDecisionName(), JsonValues.of(decision.getResult())));
            return new Evaluation(outputs, List.copyOf(SELECTED.get()));
        } finally {
            SELECTED.get().clear();
        }
    }

    /** JSON numbers become FEEL numbers; everything else FEEL understands as is. */
    private static Object feelValue(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        return value;
    }
}
