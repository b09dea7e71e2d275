package io.continuum.firstcontact;

import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads labelled examples sent by people: JSON objects or CSV with a header row. Columns
 * {@code text} and {@code intent} are required, {@code p0} (true/false) is optional, any other
 * column is ignored. Nothing is stored unless every row is valid; the problem names each bad
 * row (JSON index or CSV line) and field.
 */
public final class ExampleImport {

    private static final String VALID_INTENTS = String.join(", ",
            Arrays.stream(Intent.values()).map(Intent::wireName).toList());

    private ExampleImport() {
    }

    /** @param rows JSON objects, each {@code {text, intent, p0?}} */
    public static List<LabelledExample> fromJson(List<Map<String, Object>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw invalid("The body must be a non-empty JSON array of {text, intent}", List.of());
        }
        List<LabelledExample> examples = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i) == null ? Map.of() : rows.get(i);
            String field = "[" + i + "].";
            Object p0 = row.get("p0");
            example(asText(row.get("text")), asText(row.get("intent")), p0 == null ? null : p0.toString(),
                    message -> Problem.FieldError.ofField(field + message.field(), message.text()), errors)
                    .ifPresent(examples::add);
        }
        return validated(examples, errors);
    }

    /** A CSV file shipped with the product (built-in examples, validation messages). */
    static List<LabelledExample> fromResource(String resource) {
        try (InputStream in = ExampleImport.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<LabelledExample> fromCsv(String document) {
        CsvTable table;
        try {
            table = CsvTable.parse(document == null ? "" : document);
        } catch (IllegalArgumentException e) {
            throw invalid("The CSV could not be read", List.of(new Problem.FieldError(null, null, null, e.getMessage())));
        }
        Optional<Integer> text = table.column("text");
        Optional<Integer> intent = table.column("intent");
        if (text.isEmpty() || intent.isEmpty()) {
            throw invalid("The CSV needs a header row naming the columns text and intent",
                    List.of(new Problem.FieldError(text.isEmpty() ? "text" : "intent", 1, null, "missing column in the header row")));
        }
        Optional<Integer> p0 = table.column("p0");
        List<LabelledExample> examples = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            example(row.field(text.get()), row.field(intent.get()), p0.map(row::field).orElse(null),
                    message -> new Problem.FieldError(message.field(), row.line(), null, message.text()), errors)
                    .ifPresent(examples::add);
        }
        if (table.rows().isEmpty()) {
            throw invalid("The CSV has a header row but no examples", List.of());
        }
        return validated(examples, errors);
    }

    private record Message(String field, String text) {
    }

    private static Optional<LabelledExample> example(String text, String intent, String p0,
                                                     Function<Message, Problem.FieldError> at,
                                                     List<Problem.FieldError> errors) {
        int before = errors.size();
        if (text == null || text.isBlank()) {
            errors.add(at.apply(new Message("text", "text is empty")));
        }
        Optional<Intent> known = Intent.ofWireName(intent == null ? null : intent.trim());
        if (known.isEmpty()) {
            errors.add(at.apply(new Message("intent", "'" + intent + "' is not an intent; use one of " + VALID_INTENTS)));
        }
        String flag = p0 == null || p0.isBlank() ? "false" : p0.trim().toLowerCase(Locale.ROOT);
        if (!flag.equals("true") && !flag.equals("false")) {
            errors.add(at.apply(new Message("p0", "p0 must be true or false, not '" + p0 + "'")));
        }
        return errors.size() > before ? Optional.empty()
                : Optional.of(new LabelledExample(text.strip(), known.get(), Boolean.parseBoolean(flag)));
    }

    private static List<LabelledExample> validated(List<LabelledExample> examples, List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw invalid(errors.size() + " example(s) are invalid; nothing was added", errors);
        }
        return examples;
    }

    private static String asText(Object value) {
        return value == null ? null : value.toString();
    }

    private static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, "invalid-examples", "Invalid examples", detail).withErrors(errors));
    }
}
