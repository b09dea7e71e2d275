package io.continuum.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings of one benchmark run: each is read from {@code --name=value} on the command line,
 * else from the system property {@code bench.name}, else its default. Reading a setting consumes
 * it, so whatever is left over at the end was misspelt.
 */
final class Arguments {

    private final Map<String, String> given = new HashMap<>();

    private Arguments() {
    }

    static Arguments parse(String[] args) {
        Arguments arguments = new Arguments();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            int equals = arg.indexOf('=');
            arguments.given.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return arguments;
    }

    String text(String name, String fallback) {
        String fromArgs = given.remove(name);
        return fromArgs != null ? fromArgs : System.getProperty("bench." + name, fallback);
    }

    int number(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }

    Duration seconds(String name, long fallback) {
        return Duration.ofSeconds(Long.parseLong(text(name, Long.toString(fallback))));
    }

    /** Call after reading every setting. */
    void rejectUnknown() {
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("Unknown settings: " + given.keySet());
        }
    }
}
