package io.continuum.connectors.email;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts the quoted history and the signature off an e-mail body, keeping only what the customer
 * wrote this time. The full original is stored separately, so cutting too much loses nothing.
 */
final class QuotedText {

    /** Lines where the quoted history starts in common clients (Gmail, Apple Mail, Outlook, Yahoo). */
    private static final List<Pattern> HISTORY_STARTS = List.of(
            Pattern.compile("^>?\\s*On\\b.*\\bwrote:\\s*$"),
            Pattern.compile("^-{2,}\\s*Original Message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^_{10,}\\s*$"),
            Pattern.compile("^From:\\s.+$"),
            Pattern.compile("^Sent from my \\w+.*$"));

    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$");

    private QuotedText() {
    }

    static String strip(String body) {
        String[] lines = body.replace("\r\n", "\n").split("\n", -1);
        StringBuilder kept = new StringBuilder();
        for (String line : lines) {
            if (SIGNATURE.matcher(line).matches() || HISTORY_STARTS.stream().anyMatch(p -> p.matcher(line).matches())) {
                break;
            }
            if (line.startsWith(">")) {
                continue;
            }
            kept.append(line).append('\n');
        }
        String text = kept.toString().strip();
        // a message that is nothing but a quote (a forward without a word) keeps its body
        return text.isEmpty() ? body.strip() : text;
    }
}
