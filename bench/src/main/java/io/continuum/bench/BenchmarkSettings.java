package io.continuum.bench;

import java.time.Duration;

/**
 * What one ingestion benchmark run does; each setting is read as {@link Arguments} explains.
 *
 * @param baseUrl           the running platform, e.g. {@code http://localhost:18090}
 * @param jdbcUrl           the platform's database; the raw-insert baseline writes a scratch table there
 * @param databaseUser      user for {@code jdbcUrl}
 * @param databasePassword  password for {@code jdbcUrl}
 * @param apiUser           HTTP Basic user with the {@code api} role
 * @param apiPassword       its password
 * @param warmup            load applied before measuring, so JIT compilation and connection pools settle
 * @param measured          how long each load is measured
 * @param concurrency       worker threads, each with one request (or statement) in flight
 * @param customerPool      distinct senders; small enough that messages return to known customers
 */
record BenchmarkSettings(String baseUrl, String jdbcUrl, String databaseUser, String databasePassword,
                         String apiUser, String apiPassword, Duration warmup, Duration measured,
                         int concurrency, int customerPool) {

    static BenchmarkSettings from(String[] args) {
        Arguments given = Arguments.parse(args);
        var settings = new BenchmarkSettings(
                given.text("base-url", "http://localhost:18090"),
                given.text("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/continuum_bench"),
                given.text("db-user", "postgres"),
                given.text("db-password", "postgres"),
                given.text("api-user", "api"),
                given.text("api-password", "api"),
                given.seconds("warmup", 5),
                given.seconds("duration", 30),
                given.number("concurrency", 8),
                given.number("customers", 2000));
        given.rejectUnknown();
        if (settings.concurrency < 1 || settings.customerPool < 1 || settings.measured.isZero()) {
            throw new IllegalArgumentException("concurrency, customers and duration must be positive");
        }
        return settings;
    }
}
