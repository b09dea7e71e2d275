package io.continuum.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one run of the scale-out benchmark does; each setting is read as {@link Arguments} explains.
 *
 * @param baseUrls          the nodes, messages are spread over them in turn
 * @param database          the database the nodes share; the checks and the triage lag are read from it
 * @param apiUser           HTTP Basic user with the {@code api} role
 * @param apiPassword       its password
 * @param warmup            load applied before measuring, so JIT compilation and connection pools settle
 * @param measured          how long the load is measured
 * @param concurrency       worker threads, each with one request in flight
 * @param customerPool      distinct senders; small enough that messages return to known customers
 * @param drainTimeout      how long after the load every accepted message may take to be handled
 */
record ScaleOutSettings(List<String> baseUrls, BenchDatabase database, String apiUser, String apiPassword,
                        Duration warmup, Duration measured, int concurrency, int customerPool, Duration drainTimeout) {

    static ScaleOutSettings from(String[] args) {
        Arguments given = Arguments.parse(args);
        var settings = new ScaleOutSettings(
                Arrays.stream(given.text("base-urls", "http://localhost:18095").split(","))
                        .map(String::strip).filter(url -> !url.isEmpty()).toList(),
                new BenchDatabase(given.text("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/continuum_bench2"),
                        given.text("db-user", "postgres"), given.text("db-password", "postgres")),
                given.text("api-user", "api"),
                given.text("api-password", "api"),
                given.seconds("warmup", 5),
                given.seconds("duration", 20),
                given.number("concurrency", 8),
                given.number("customers", 2000),
                given.seconds("drain-timeout", 300));
        given.rejectUnknown();
        if (settings.baseUrls.isEmpty() || settings.concurrency < 1 || settings.customerPool < 1
                || settings.measured.isZero()) {
            throw new IllegalArgumentException("base-urls, concurrency, customers and duration must be given and positive");
        }
        return settings;
    }
}
