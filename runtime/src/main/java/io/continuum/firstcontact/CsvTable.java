package io.continuum.firstcontact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A CSV document (RFC 4180: comma separated, fields optionally in double quotes, a doubled quote
 * inside quotes is a quote, quoted fields may span lines) with a header row. Small on purpose:
 * labelled examples are all it reads, and no CSV library is managed by the platform's BOMs.
 */
public final class CsvTable {

    /** One data row and the line of the document it starts on (1 is the header). */
    public record Row(int line, List<String> fields) {

        public String field(int column) {
            return column < fields.size() ? fields.get(column) : "";
        }
    }

    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    /** @throws IllegalArgumentException with the line, when a quoted field is never closed or there is no header */
    public static CsvTable parse(String document) {
        List<Row> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        int length = document.length();
        int start = !document.isEmpty() && document.charAt(0) == '\uFEFF' ? 1 : 0;
        for (int i = start; i < length; i++) {
            char c = document.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < length && document.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < length && document.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                addUnlessBlank(records, recordLine, fields);
                fields = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Line " + recordLine + ": a quoted field is never closed");
        }
        fields.add(field.toString());
        addUnlessBlank(records, recordLine, fields);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("Line 1: a header row is required");
        }
        List<String> header = records.get(0).fields().stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        return new CsvTable(header, List.copyOf(records.subList(1, records.size())));
    }

    public List<Row> rows() {
        return rows;
    }

    /** The position of a header column, ignoring case and surrounding spaces. */
    public Optional<Integer> column(String name) {
        int index = header.indexOf(name.toLowerCase(Locale.ROOT));
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    private static void addUnlessBlank(List<Row> records, int line, List<String> fields) {
        boolean blank = fields.size() == 1 && fields.get(0).isBlank();
        if (!blank) {
            records.add(new Row(line, List.copyOf(fields)));
        }
    }
}
