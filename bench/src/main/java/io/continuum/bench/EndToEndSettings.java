package io.continuum.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one run of the end-to-end benchmark does; each setting is read as {@link Arguments} explains.
 *
 * @param baseUrl            the platform
 * @param database           its database, where triage is watched
 * @param ceilingDatabase    an empty copy of its schema, where the ceilings run without the platform acting on their rows
 * @param apiUser            HTTP Basic user with the {@code api} role
 * @param apiPassword        its password
 * @param warmup             steady mode: load applied before measuring (JIT, pools); also each ceiling's warmup
 * @param measured           steady mode: how long the load is measured
 * @param ceiling            how long each ceiling is measured
 * @param concurrency        worker threads, each with one request in flight (and the ceilings' clients)
 * @param customerPool       distinct senders; small enough that messages return to known customers
 * @param burst              0 for the steady mode, else this many messages sent as fast as the workers can
 * @param rates              empty for the steady mode, else the paced mode's arrival rates (messages a second), one
 *                           after the other, each held for {@code measured} after {@code warmup} and then drained
 * @param pacedWarmup        paced mode: load at the lowest rate before the first, not measured (the JIT's first minutes)
 * @param platformPid        the platform's process, whose processor time paced mode reads (0: not read)
 * @param drainTimeout       how long after the load every accepted message may take to be triaged
 * @param ingestionScript    the pgbench script of the ingestion transaction's statements
 * @param smtpPort           where the platform sends e-mail replies: {@link ChannelSinks} listens there
 * @param whatsappApiPort    where the platform's WhatsApp Graph API base URL points: {@link ChannelSinks} answers there
 */
record EndToEndSettings(String baseUrl, BenchDatabase database, BenchDatabase ceilingDatabase, String apiUser, String apiPassword, Duration warmup,
                        Duration measured, Duration ceiling, int concurrency, int customerPool, int burst, List<Double> rates, Duration pacedWarmup, long platformPid, Duration drainTimeout,
                        Path ingestionScript, int smtpPort, int whatsappApiPort) {

    static EndToEndSettings from(String[] args) {
        Arguments given = Arguments.parse(args);
        String user = given.text("db-user", "postgres");
        String password = given.text("db-password", "postgres");
        var settings = new EndToEndSettings(
                given.text("base-url", "http://localhost:18097"),
                new BenchDatabase(given.text("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/continuum_bench_e2e"),
                        user, password),
                new BenchDatabase(given.text("ceiling-jdbc-url", "jdbc:postgresql://127.0.0.1:5432/continuum_bench_e2e_ceiling"),
                        user, password),
                given.text("api-user", "api"),
                given.text("api-password", "api"),
                given.seconds("warmup", 5),
                given.seconds("duration", 30),
                given.seconds("ceiling-duration", 20),
                given.number("concurrency", 8),
                given.number("customers", 5000),
                given.number("burst", 0),
                rates(given.text("rates", "")),
                given.seconds("paced-warmup", 120),
                Long.parseLong(given.text("platform-pid", "0")),
                given.seconds("drain-timeout", 900),
                Path.of(given.text("ingestion-script", "bench/ingestion-transaction.sql")),
                given.number("smtp-port", 18025),
                given.number("whatsapp-api-port", 18181));
        given.rejectUnknown();
        if (settings.concurrency < 1 || settings.customerPool < 1 || settings.measured.isZero() || settings.ceiling.isZero() || settings.burst < 0) {
            throw new IllegalArgumentException("concurrency, customers and duration must be positive, burst at least 0");
        }
        if (settings.burstMode() && settings.pacedMode()) {
            throw new IllegalArgumentException("burst and rates are two modes: give one");
        }
        return settings;
    }

    private static List<Double> rates(String commaSeparated) {
        List<Double> rates = Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(rate -> !rate.isEmpty())
                .map(Double::parseDouble).toList();
        if (rates.stream().anyMatch(rate -> !(rate > 0))) {
            throw new IllegalArgumentException("every rate must be a positive number of messages a second: " + commaSeparated);
        }
        return rates;
    }

    boolean pacedMode() {
        return !rates.isEmpty();
    }

    boolean burstMode() {
        return burst > 0;
    }
}
