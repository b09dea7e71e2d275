package io.continuum.bench;

import io.continuum.firstcontact.CsvTable;
import io.continuum.firstcontact.Intent;
import io.continuum.firstcontact.LabelledExample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The labelled messages of {@code data/intents/*.csv} (columns text, intent, p0), each text once,
 * and deterministic stratified splits of them: within each intent, rows are ordered by a hash of
 * their text and dealt out, so every run and every machine gets the same halves.
 */
record IntentDataset(List<LabelledExample> rows) {

    record Split(IntentDataset examples, IntentDataset held) {
    }

    static IntentDataset read(Path folder) {
        Map<String, LabelledExample> byText = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                CsvTable table = CsvTable.parse(Files.readString(file, StandardCharsets.UTF_8));
                int text = table.column("text").orElseThrow();
                int intent = table.column("intent").orElseThrow();
                int p0 = table.column("p0").orElseThrow();
                for (CsvTable.Row row : table.rows()) {
                    Intent label = Intent.ofWireName(row.field(intent).trim()).orElseThrow(
                            () -> new IllegalArgumentException(file + " line " + row.line() + ": unknown intent"));
                    byText.putIfAbsent(row.field(text), new LabelledExample(row.field(text), label,
                            Boolean.parseBoolean(row.field(p0).trim())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IntentDataset(List.copyOf(byText.values()));
    }

    /** Deals every {@code period}-th row of each intent (in hash order) to the held part, the rest to examples. */
    Split split(String salt, int period) {
        Map<Intent, List<LabelledExample>> byIntent = new EnumMap<>(Intent.class);
        rows.forEach(row -> byIntent.computeIfAbsent(row.intent(), i -> new ArrayList<>()).add(row));
        List<LabelledExample> examples = new ArrayList<>();
        List<LabelledExample> held = new ArrayList<>();
        for (List<LabelledExample> ofIntent : byIntent.values()) {
            List<LabelledExample> ordered = ofIntent.stream()
                    .sorted(Comparator.comparing((LabelledExample row) -> sha256(salt + row.text()))).toList();
            for (int i = 0; i < ordered.size(); i++) {
                (i % period == 0 ? held : examples).add(ordered.get(i));
            }
        }
        return new Split(new IntentDataset(examples), new IntentDataset(held));
    }

    long count(Intent intent) {
        return rows.stream().filter(row -> row.intent() == intent).count();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
