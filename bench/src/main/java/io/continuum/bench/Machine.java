package io.continuum.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;

/** What the figures were measured on; without it they cannot be compared. */
final class Machine {

    private Machine() {
    }

    static String describe(BenchDatabase database) {
        return describe() + " postgres=" + postgresVersion(database);
    }

    /** Without a database, for what runs in this JVM alone. */
    static String describe() {
        return "cpus=" + Runtime.getRuntime().availableProcessors()
                + " cpu=\"" + cpuModel() + "\""
                + " java=" + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")"
                + " os=" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + " load=" + loadAverage();
    }

    /** 1, 5 and 15 minute load averages as the run starts: other work on the box moves every figure. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException notLinux) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | UncheckedIOException notLinux) {
            return "unknown";
        }
    }

    private static String postgresVersion(BenchDatabase database) {
        try {
            return database.describe();
        } catch (SQLException unreachable) {
            return "unknown (" + unreachable.getMessage() + ")";
        }
    }
}
