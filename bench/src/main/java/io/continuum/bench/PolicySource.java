package io.continuum.bench;

import io.continuum.decisions.PolicyKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A policy as the repository holds it: {@code decision-tables/<name>.dmn} or {@code rules/<name>.drl},
 * the same files the platform imports as version 1 of each policy.
 */
record PolicySource(String name, PolicyKind kind, String text) {

    /** The policy of that name, whichever folder it is in. */
    static PolicySource read(Path repoRoot, String name) {
        for (PolicyKind kind : PolicyKind.values()) {
            Path file = repoRoot.resolve(kind.folder()).resolve(name + "." + kind.extension());
            if (Files.isRegularFile(file)) {
                return new PolicySource(name, kind, readText(file));
            }
        }
        throw new IllegalArgumentException("No " + name + ".dmn under " + repoRoot.resolve("decision-tables")
                + " and no " + name + ".drl under " + repoRoot.resolve("rules"));
    }

    /** Every policy in the repository, decision tables first, each folder by file name. */
    static List<PolicySource> all(Path repoRoot) {
        List<PolicySource> found = new ArrayList<>();
        for (PolicyKind kind : List.of(PolicyKind.DMN, PolicyKind.DRL)) {
            Path folder = repoRoot.resolve(kind.folder());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(file -> file.getFileName().toString().endsWith("." + kind.extension()))
                        .sorted()
                        .forEach(file -> {
                            String fileName = file.getFileName().toString();
                            found.add(new PolicySource(fileName.substring(0, fileName.length() - kind.extension().length() - 1),
                                    kind, readText(file)));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
