package io.continuum.automations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.continuum.support.Api.as;

/**
 * Versions of decision-tables/automations.dmn for tests: the shipped file with its example rows replaced by the
 * given ones, stored and published through the policy API like a supervisor's.
 */
final class AutomationRows {

    /** The table's input columns in order (the first is the on/off switch). */
    static final List<String> INPUTS = List.of("enabled", "eventType", "channel", "state", "tier", "intent", "severity",
            "queue", "tags", "language", "businessHours", "hoursSinceCustomerMessage", "hoursSinceAgentMessage",
            "hoursInState", "sentiment", "csatScore");
    private static final Pattern ROWS = Pattern.compile("(?s)      <rule id=.*</rule>\n");

    /** One row: its id, its conditions by input (FEEL unary tests; the rest "-"), and its outputs. */
    record Row(String id, Map<String, String> when, String automation, String action, String argument) {

        String xml() {
            StringBuilder rule = new StringBuilder("      <rule id=\"" + id + "\">\n        <description>" + automation
                    + "</description>\n");
            Map<String, String> entries = new LinkedHashMap<>();
            INPUTS.forEach(input -> entries.put(input, "-"));
            entries.put("enabled", "true");
            entries.putAll(when);
            int i = 0;
            for (String entry : entries.values()) {
                rule.append("        <inputEntry id=\"").append(id).append("_i").append(i++).append("\"><text>")
                        .append(entry.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                        .append("</text></inputEntry>\n");
            }
            String[] outputs = {automation, action, argument};
            for (int o = 0; o < outputs.length; o++) {
                rule.append("        <outputEntry id=\"").append(id).append("_o").append(o + 1).append("\"><text>\"")
                        .append(outputs[o]).append("\"</text></outputEntry>\n");
            }
            return rule.append("      </rule>\n").toString();
        }
    }

    private AutomationRows() {
    }

    static String shipped() {
        try {
            return Files.readString(Path.of("../decision-tables/automations.dmn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped table with exactly these rows. */
    static String table(Row... rows) {
        StringBuilder xml = new StringBuilder();
        for (Row row : rows) {
            xml.append(row.xml());
        }
        return ROWS.matcher(shipped()).replaceFirst(java.util.regex.Matcher.quoteReplacement(xml.toString()));
    }

    /** Stores the source as a new version; @return its number */
    static int store(String source) {
        return as("analyst").contentType("text/plain").body(source)
                .when().post("/api/v1/policies/automations/versions?comment=test")
                .then().statusCode(201).extract().path("version");
    }

    /** Stores and publishes the table with these rows; @return its version */
    static int publish(Row... rows) {
        int version = store(table(rows));
        as("supervisor").when().post("/api/v1/policies/automations/versions/{v}/publish", version).then().statusCode(200);
        return version;
    }

    static int liveVersion() {
        return as("analyst").when().get("/api/v1/policies").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.name == 'automations' }.liveVersion");
    }

    static void rollback(int version) {
        as("supervisor").body(Map.of("toVersion", version)).when().post("/api/v1/policies/automations/rollback")
                .then().statusCode(200);
    }
}
