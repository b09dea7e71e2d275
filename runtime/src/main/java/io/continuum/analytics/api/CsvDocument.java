package io.continuum.analytics.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The dashboard's exports as RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a comma,
 * quote or line break. A text that a spreadsheet would run as a formula (starting with =, +, - or @) is written
 * with a leading apostrophe, so an exported queue or agent name can never become a formula.
 */
final class CsvDocument {

    static final String MEDIA_TYPE = "text/csv";

    private CsvDocument() {
    }

    static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder document = new StringBuilder(line(List.copyOf(header)));
        rows.forEach(row -> document.append(line(row)));
        return document.toString();
    }

    private static String line(List<?> fields) {
        return fields.stream().map(CsvDocument::field).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
