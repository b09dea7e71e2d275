package io.continuum.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one run of the decisions benchmark against the platform does; each setting is read as
 * {@link Arguments} explains.
 *
 * @param baseUrl          the running platform, e.g. {@code http://localhost:18091}
 * @param jdbcUrl          the platform's database, only read for the PostgreSQL version and settings
 * @param databaseUser     user for {@code jdbcUrl}
 * @param databasePassword password for {@code jdbcUrl}
 * @param repoRoot         the repository, whose {@code decision-tables/severity.dmn} the new versions are made from
 * @param apiUser          HTTP Basic user with the {@code api} role: sends messages, evaluates
 * @param apiPassword      its password
 * @param analystUser      HTTP Basic user with the {@code analyst} role: uploads, publishes, simulates
 * @param analystPassword  its password
 * @param messages         messages ingested first, so the decision log has severity decisions to replay
 * @param concurrency      threads sending those messages
 * @param customerPool     distinct senders; each first message of a sender's conversation is triaged
 * @param triageWait       how long to wait for the asynchronous triage of the last new conversation
 * @param simulationLimit  decisions a simulation replays at most
 * @param publishWarmups   publish rounds run before the measured ones
 * @param publishRounds    measured publish rounds, alternating two versions
 */
record DecisionPlatformSettings(String baseUrl, String jdbcUrl, String databaseUser, String databasePassword,
                                Path repoRoot, String apiUser, String apiPassword, String analystUser,
                                String analystPassword, int messages, int concurrency, int customerPool,
                                Duration triageWait, int simulationLimit, int publishWarmups, int publishRounds) {

    static DecisionPlatformSettings from(String[] args) {
        Arguments given = Arguments.parse(args);
        var settings = new DecisionPlatformSettings(
                given.text("base-url", "http://localhost:18091"),
                given.text("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/continuum_bench_decisions"),
                given.text("db-user", "postgres"),
                given.text("db-password", "postgres"),
                Path.of(given.text("repo-root", ".")).toAbsolutePath().normalize(),
                given.text("api-user", "api"),
                given.text("api-password", "api"),
                given.text("analyst-user", "analyst"),
                given.text("analyst-password", "analyst"),
                given.number("messages", 3000),
                given.number("concurrency", 4),
                given.number("customers", 3000),
                given.seconds("triage-wait", 180),
                given.number("simulation-limit", 100_000),
                given.number("publish-warmups", 2),
                given.number("publish-rounds", 10));
        given.rejectUnknown();
        if (settings.messages < 1 || settings.concurrency < 1 || settings.customerPool < 1
                || settings.simulationLimit < 1 || settings.publishRounds < 1 || settings.publishWarmups < 0) {
            throw new IllegalArgumentException("messages, concurrency, customers, simulation-limit and publish-rounds"
                    + " must be positive");
        }
        return settings;
    }

    BenchDatabase database() {
        return new BenchDatabase(jdbcUrl, databaseUser, databasePassword);
    }
}
