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
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A DMN model compiled at run time; records which decision-table rows were selected. A model of one table of
 * literals is decided by {@link LiteralDecisionTable}, the same way, without the FEEL interpreter.
 */
public final class DmnPolicy implements CompiledPolicy {

    /** Rows selected during the evaluation running on this thread (the listener is shared by the runtime). */
    private static final ThreadLocal<List<Evaluation.FiredRule>> SELECTED = ThreadLocal.withInitial(ArrayList::new);

    private static final Pattern STRING_LITERALS = Pattern.compile("\"[^\"]*\"(\\s*,\\s*\"[^\"]*\")*");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");

    private final DMNRuntime runtime;
    private final DMNModel model;
    private final Map<String, String> rowDescriptions;
    private final Optional<LiteralDecisionTable> literalTable;

    DmnPolicy(DMNRuntime runtime, DMNModel model) {
        this.runtime = runtime;
        this.model = model;
        this.literalTable = LiteralDecisionTable.of(model);
        this.rowDescriptions = decisionTables()
                .flatMap(table -> table.getRule().stream())
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
        return evaluateLiterally(inputs).orElseGet(() -> evaluateWithEngine(inputs));
    }

    /** The evaluation of a table of literals, when the model is one and these inputs are ones it decides. */
    Optional<Evaluation> evaluateLiterally(Map<String, Object> inputs) {
        return literalTable.flatMap(table -> table.evaluate(inputs));
    }

    boolean isLiteralTable() {
        return literalTable.isPresent();
    }

    Evaluation evaluateWithEngine(Map<String, Object> inputs) {
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

    /**
     * Whether some row of the model's decision tables could be selected with {@code input} equal to {@code value},
     * whatever the other inputs are, so a caller can skip evaluating what no row can answer. A row is out when it is
     * switched off (an entry that contradicts a constant input, like {@code false} under an input that is always
     * {@code true}) or when its entry for the input lists other strings. An entry this does not read (a range, a
     * negation, an expression) counts as a possible match: the answer errs towards evaluating.
     */
    public boolean maySelectRowWith(String input, String value) {
        return decisionTables().anyMatch(table -> {
            List<String> inputs = table.getInput().stream()
                    .map(clause -> clause.getInputExpression().getText().trim()).toList();
            int column = inputs.indexOf(input);
            return table.getRule().stream().anyMatch(rule -> {
                List<String> entries = rule.getInputEntry().stream().map(entry -> entry.getText().trim()).toList();
                for (int i = 0; i < entries.size() && i < inputs.size(); i++) {
                    if (contradictsConstant(inputs.get(i), entries.get(i))) {
                        return false;
                    }
                }
                return column < 0 || column >= entries.size() || admits(entries.get(column), value);
            });
        });
    }

    private Stream<DecisionTable> decisionTables() {
        return model.getDefinitions().getDrgElement().stream()
                .filter(element -> element instanceof org.kie.dmn.model.api.Decision)
                .map(element -> ((org.kie.dmn.model.api.Decision) element).getExpression())
                .filter(expression -> expression instanceof DecisionTable)
                .map(DecisionTable.class::cast);
    }

    private static boolean contradictsConstant(String inputExpression, String entry) {
        return ("true".equals(inputExpression) && "false".equals(entry))
                || ("false".equals(inputExpression) && "true".equals(entry));
    }

    /** A FEEL entry that is "-" (any), or a list of string literals containing the value; anything else may match. */
    private static boolean admits(String entry, String value) {
        if (entry.isEmpty() || "-".equals(entry)) {
            return true;
        }
        if (!STRING_LITERALS.matcher(entry).matches()) {
            return true;
        }
        return LITERAL.matcher(entry).results().anyMatch(literal -> literal.group(1).equals(value));
    }

    /** JSON numbers become FEEL numbers; everything else FEEL understands as is. */
    static Object feelValue(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        return value;
    }
}
