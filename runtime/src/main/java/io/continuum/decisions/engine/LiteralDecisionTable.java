package io.continuum.decisions.engine;

import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.model.api.DRGElement;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.HitPolicy;
import org.kie.dmn.model.api.InformationRequirement;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.InputData;
import org.kie.dmn.model.api.OutputClause;
import org.kie.dmn.model.api.UnaryTests;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model made of one decision table whose every cell is a literal, evaluated in Java instead of by the FEEL
 * interpreter: most of the shipped tables are such tables, and the interpreter spends most of an evaluation
 * looking input names up and comparing values it could have compared directly.
 * <p>
 * It reads only what it can decide exactly as the engine would: cells that are "-", lists of strings, numbers,
 * booleans or null, comparisons with a number, and {@code not(…)} of such a list; outputs that are such literals
 * or a {@code duration("…")}; hit policies UNIQUE, FIRST, PRIORITY and COLLECT without an aggregator. A model with
 * anything else is left to the engine ({@link #of} is empty), and so is an evaluation whose inputs it cannot
 * decide here (a missing input, a value of a type a cell does not compare with, two rows matching a UNIQUE table):
 * the engine then decides, or reports the error, as it always did. {@code LiteralDecisionTableTest} checks that
 * both decide the same outputs and rows on every shipped table.
 */
final class LiteralDecisionTable {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(-?\\d+(\\.\\d+)?)");
    private static final Pattern DURATION = Pattern.compile("duration\\(\\s*\"([^\"\\\\]*)\"\\s*\\)");
    private static final Pattern NEGATION = Pattern.compile("not\\((.*)\\)");

    /** One input entry; it sees only null or a value of its column's type (anything else goes to the engine). */
    private sealed interface Cell permits AnyValue, OneOf, NoneOf {
        boolean matches(Object value);

        /** The types of the values the cell compares with. */
        List<Class<?>> types();
    }

    private record Row(String id, String description, Cell[] cells, Object[] outputs) {
    }

    private final String decisionName;
    private final HitPolicy hitPolicy;
    /** Per column, the input it reads, or null for a constant column ({@code true}/{@code false}). */
    private final String[] columnInputs;
    private final Object[] columnConstants;
    /**
     * Per column, the one type of value its cells compare with (null when they are all "-"). The engine refuses the
     * whole evaluation when any cell, even of a row that would not be selected, compares a value of another type.
     */
    private final Class<?>[] columnTypes;
    private final String[] outputNames;
    private final List<Row> rows;
    /** Per output column of a PRIORITY table, the rank of each allowed value (0 = wins). */
    private final List<Map<Object, Integer>> priorities;

    private LiteralDecisionTable(String decisionName, HitPolicy hitPolicy, String[] columnInputs, Object[] columnConstants,
                                 Class<?>[] columnTypes, String[] outputNames, List<Row> rows,
                                 List<Map<Object, Integer>> priorities) {
        this.decisionName = decisionName;
        this.hitPolicy = hitPolicy;
        this.columnInputs = columnInputs;
        this.columnConstants = columnConstants;
        this.columnTypes = columnTypes;
        this.outputNames = outputNames;
        this.rows = rows;
        this.priorities = priorities;
    }

    /** The model as a literal table, when it is one this class decides exactly as the engine does. */
    static Optional<LiteralDecisionTable> of(DMNModel model) {
        try {
            return Optional.of(read(model));
        } catch (NotLiteral notLiteral) {
            return Optional.empty();
        }
    }

    /** The evaluation, or empty when these inputs are for the engine to decide. */
    Optional<Evaluation> evaluate(Map<String, Object> inputs) {
        Object[] values = new Object[columnInputs.length];
        for (int column = 0; column < columnInputs.length; column++) {
            String input = columnInputs[column];
            if (input == null) {
                values[column] = columnConstants[column];
            } else if (inputs.containsKey(input)) {
                values[column] = DmnPolicy.feelValue(inputs.get(input));
            } else {
                return Optional.empty();
            }
            if (values[column] != null && columnTypes[column] != null && columnTypes[column] != values[column].getClass()) {
                return Optional.empty();
            }
        }
        List<Row> matches = new ArrayList<>(4);
        for (Row row : rows) {
            if (matches(row, values)) {
                if (hitPolicy == HitPolicy.FIRST) {
                    return Optional.of(result(List.of(row)));
                }
                matches.add(row);
            }
        }
        return switch (hitPolicy) {
            case UNIQUE -> matches.size() > 1 ? Optional.empty() : Optional.of(result(matches));
            case PRIORITY -> Optional.of(result(matches.isEmpty() ? matches : List.of(highestPriority(matches))));
            default -> Optional.of(result(matches));
        };
    }

    private static boolean matches(Row row, Object[] values) {
        for (int column = 0; column < row.cells.length; column++) {
            if (!row.cells[column].matches(values[column])) {
                return false;
            }
        }
        return true;
    }

    private Row highestPriority(List<Row> matches) {
        Row best = matches.get(0);
        for (Row candidate : matches.subList(1, matches.size())) {
            if (compareByPriority(candidate, best) < 0) {
                best = candidate;
            }
        }
        return best;
    }

    private int compareByPriority(Row a, Row b) {
        for (int output = 0; output < outputNames.length; output++) {
            Map<Object, Integer> ranks = priorities.get(output);
            if (ranks.isEmpty()) {
                continue;
            }
            int byOutput = Integer.compare(ranks.get(a.outputs[output]), ranks.get(b.outputs[output]));
            if (byOutput != 0) {
                return byOutput;
            }
        }
        return 0;
    }

    private Evaluation result(List<Row> selected) {
        Object value;
        if (hitPolicy == HitPolicy.COLLECT) {
            value = selected.stream().map(this::outputOf).toList();
        } else {
            value = selected.isEmpty() ? null : outputOf(selected.get(0));
        }
        Map<String, Object> outputs = new LinkedHashMap<>(2);
        outputs.put(decisionName, JsonValues.of(value));
        List<Evaluation.FiredRule> fired = selected.stream()
                .map(row -> new Evaluation.FiredRule(row.id, decisionName, row.description)).toList();
        return new Evaluation(outputs, fired);
    }

    private Object outputOf(Row row) {
        if (outputNames.length == 1) {
            return row.outputs[0];
        }
        Map<String, Object> context = new LinkedHashMap<>();
        for (int output = 0; output < outputNames.length; output++) {
            context.put(outputNames[output], row.outputs[output]);
        }
        return context;
    }

    // --- reading the model --------------------------------------------------------------------------------------

    /** The model holds something this class does not decide like the engine: the engine keeps it. */
    private static final class NotLiteral extends Exception {
        NotLiteral() {
            super(null, null, false, false);
        }
    }

    private static LiteralDecisionTable read(DMNModel model) throws NotLiteral {
        List<DRGElement> elements = model.getDefinitions().getDrgElement();
        List<Decision> decisions = new ArrayList<>();
        Set<String> inputNames = new HashSet<>();
        for (DRGElement element : elements) {
            if (element instanceof Decision decision) {
                decisions.add(decision);
            } else if (element instanceof InputData input) {
                inputNames.add(input.getName());
            } else {
                throw new NotLiteral();
            }
        }
        if (decisions.size() != 1 || !(decisions.get(0).getExpression() instanceof DecisionTable table)) {
            throw new NotLiteral();
        }
        Decision decision = decisions.get(0);
        for (InformationRequirement requirement : decision.getInformationRequirement()) {
            require(requirement.getRequiredDecision() == null);
        }
        HitPolicy hitPolicy = table.getHitPolicy();
        require(hitPolicy == HitPolicy.UNIQUE || hitPolicy == HitPolicy.FIRST || hitPolicy == HitPolicy.PRIORITY
                || (hitPolicy == HitPolicy.COLLECT && table.getAggregation() == null));

        List<InputClause> inputClauses = table.getInput();
        String[] columnInputs = new String[inputClauses.size()];
        Object[] columnConstants = new Object[inputClauses.size()];
        for (int column = 0; column < inputClauses.size(); column++) {
            InputClause clause = inputClauses.get(column);
            require(clause.getInputValues() == null);
            String expression = clause.getInputExpression().getText().trim();
            if ("true".equals(expression) || "false".equals(expression)) {
                columnConstants[column] = Boolean.valueOf(expression);
            } else {
                require(inputNames.contains(expression));
                columnInputs[column] = expression;
            }
        }

        List<OutputClause> outputClauses = table.getOutput();
        require(!outputClauses.isEmpty());
        String[] outputNames = new String[outputClauses.size()];
        List<List<Object>> allowed = new ArrayList<>();
        for (int output = 0; output < outputClauses.size(); output++) {
            OutputClause clause = outputClauses.get(output);
            require(clause.getDefaultOutputEntry() == null);
            outputNames[output] = clause.getName();
            require(outputClauses.size() == 1 || outputNames[output] != null);
            allowed.add(clause.getOutputValues() == null ? List.of() : allowedValues(clause.getOutputValues()));
        }

        List<Row> rows = new ArrayList<>();
        Class<?>[] columnTypes = new Class<?>[inputClauses.size()];
        for (DecisionRule rule : table.getRule()) {
            require(rule.getInputEntry().size() == inputClauses.size() && rule.getOutputEntry().size() == outputClauses.size());
            Cell[] cells = new Cell[inputClauses.size()];
            for (int column = 0; column < cells.length; column++) {
                cells[column] = cell(rule.getInputEntry().get(column).getText());
                for (Class<?> type : cells[column].types()) {
                    // a column comparing values of two types refuses one or the other: the engine says which
                    require(columnTypes[column] == null || columnTypes[column] == type);
                    columnTypes[column] = type;
                }
            }
            Object[] outputs = new Object[outputClauses.size()];
            for (int output = 0; output < outputs.length; output++) {
                Object value = outputLiteral(rule.getOutputEntry().get(output).getText());
                List<Object> allowedHere = allowed.get(output);
                // an output outside its allowed values is an error the engine reports
                require(allowedHere.isEmpty() || allowedHere.stream().anyMatch(candidate -> sameValue(candidate, value)));
                outputs[output] = value;
            }
            rows.add(new Row(rule.getId(), rule.getDescription() == null ? "" : rule.getDescription().trim(), cells, outputs));
        }

        List<Map<Object, Integer>> priorities = new ArrayList<>();
        for (List<Object> values : allowed) {
            Map<Object, Integer> ranks = new HashMap<>();
            for (int rank = 0; rank < values.size(); rank++) {
                ranks.putIfAbsent(values.get(rank), rank);
            }
            priorities.add(ranks);
        }
        if (hitPolicy == HitPolicy.PRIORITY) {
            require(priorities.stream().anyMatch(ranks -> !ranks.isEmpty()));
            for (Row row : rows) {
                for (int output = 0; output < outputNames.length; output++) {
                    require(priorities.get(output).isEmpty() || priorities.get(output).containsKey(row.outputs[output]));
                }
            }
        }
        return new LiteralDecisionTable(decision.getName(), hitPolicy, columnInputs, columnConstants, columnTypes,
                outputNames, List.copyOf(rows), priorities);
    }

    private static void require(boolean literal) throws NotLiteral {
        if (!literal) {
            throw new NotLiteral();
        }
    }

    private static List<Object> allowedValues(UnaryTests values) throws NotLiteral {
        List<Object> literals = new ArrayList<>();
        for (String item : items(values.getText())) {
            literals.add(literal(item));
        }
        return literals;
    }

    private static Cell cell(String text) throws NotLiteral {
        String entry = text == null ? "" : text.trim();
        if (entry.isEmpty() || "-".equals(entry)) {
            return AnyValue.INSTANCE;
        }
        Matcher negation = NEGATION.matcher(entry);
        if (negation.matches()) {
            return new NoneOf(new OneOf(tests(negation.group(1))));
        }
        return new OneOf(tests(entry));
    }

    private static List<Test> tests(String list) throws NotLiteral {
        List<Test> tests = new ArrayList<>();
        for (String item : items(list)) {
            Matcher comparison = COMPARISON.matcher(item);
            if (comparison.matches()) {
                tests.add(new Test(comparison.group(1), new BigDecimal(comparison.group(2), MathContext.DECIMAL128)));
            } else {
                tests.add(new Test("=", literal(item)));
            }
        }
        require(!tests.isEmpty());
        return tests;
    }

    /** Splits a FEEL list at the commas outside string literals. */
    private static List<String> items(String list) throws NotLiteral {
        require(list != null && list.indexOf('\\') < 0);
        List<String> items = new ArrayList<>();
        boolean inString = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (c == ',' && !inString) {
                items.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        require(!inString);
        items.add(list.substring(start).trim());
        for (String item : items) {
            require(!item.isEmpty());
        }
        return items;
    }

    /** A string, number, boolean or null literal, as the engine holds it. */
    private static Object literal(String item) throws NotLiteral {
        if (item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"") && item.indexOf('"', 1) == item.length() - 1) {
            return item.substring(1, item.length() - 1);
        }
        if ("true".equals(item) || "false".equals(item)) {
            return Boolean.valueOf(item);
        }
        if ("null".equals(item)) {
            return null;
        }
        if (NUMBER.matcher(item).matches()) {
            return new BigDecimal(item, MathContext.DECIMAL128);
        }
        throw new NotLiteral();
    }

    private static Object outputLiteral(String text) throws NotLiteral {
        String entry = text == null ? "" : text.trim();
        Matcher duration = DURATION.matcher(entry);
        if (duration.matches()) {
            try {
                // years and months (a FEEL period, not a duration) do not parse: the engine keeps them
                return Duration.parse(duration.group(1));
            } catch (DateTimeParseException notADuration) {
                throw new NotLiteral();
            }
        }
        return literal(entry);
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    // --- cells ------------------------------------------------------------------------------------------------

    /** One test of a list: equal to a literal, or a comparison with a number. */
    private record Test(String operator, Object operand) {

        Optional<Class<?>> type() {
            return Optional.ofNullable(operand).map(Object::getClass);
        }

        /** {@code value} is null or of this test's type: the column's type, checked before any row is read. */
        boolean matches(Object value) {
            if (value == null || operand == null) {
                return value == null && operand == null && "=".equals(operator);
            }
            if ("=".equals(operator)) {
                return sameValue(operand, value);
            }
            int order = ((BigDecimal) value).compareTo((BigDecimal) operand);
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
    }

    private enum AnyValue implements Cell {
        INSTANCE;

        @Override
        public boolean matches(Object value) {
            return true;
        }

        @Override
        public List<Class<?>> types() {
            return List.of();
        }
    }

    private record OneOf(List<Test> tests) implements Cell {
        @Override
        public boolean matches(Object value) {
            for (Test test : tests) {
                if (test.matches(value)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<Class<?>> types() {
            return tests.stream().flatMap(test -> test.type().stream()).<Class<?>>map(type -> type).distinct().toList();
        }
    }

    private record NoneOf(OneOf listed) implements Cell {
        @Override
        public boolean matches(Object value) {
            return !listed.matches(value);
        }

        @Override
        public List<Class<?>> types() {
            return listed.types();
        }
    }
}
