package io.continuum.bench;

import java.util.Locale;
import java.util.Map;

/**
 * How many inbound messages a second the platform stores, at what latency, next to how many
 * single-row inserts the same PostgreSQL commits at the same concurrency. Expects a running
 * platform with the demo users on; {@code bench/ingestion.sh} starts one and runs this.
 */
public final class IngestionBenchmark {

    private IngestionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.from(args);
        BenchDatabase database = BenchDatabase.of(settings);
        System.out.println("[machine] " + Machine.describe(database)
                + " (the platform, its PostgreSQL and this load driver share these cpus)");

        // The baseline runs first: ingestion leaves asynchronous work behind (outbox relay, first
        // contact, processes) that would still be competing for the cpus during a later baseline.
        progress("raw insert", settings);
        LoadRun.Result rawInsert;
        try (RawInserts rawInserts = RawInserts.prepare(database)) {
            rawInsert = LoadRun.run("raw-insert", settings.concurrency(), settings.warmup(), settings.measured(),
                    worker -> rawInserts.inserter(), LoadRun.WindowListener.NONE);
        }

        progress("ingestion", settings);
        var messages = new InboundMessages(settings);
        var activity = new DatabaseActivity(database);
        LoadRun.Result ingestion = LoadRun.run("ingestion", settings.concurrency(), settings.warmup(),
                settings.measured(), worker -> messages.sender(), activity);
        var outbox = activity.outboxBacklog();

        long seconds = settings.measured().toSeconds();
        figure("ingestion: concurrency=%d duration=%ds messages=%d throughput=%.1f msg/s"
                        + " p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms errors=%d",
                ingestion.concurrency(), seconds, ingestion.successes(), ingestion.perSecond(),
                ingestion.latencies().percentileMillis(50), ingestion.latencies().percentileMillis(90),
                ingestion.latencies().percentileMillis(99), ingestion.latencies().maxMillis(), ingestion.errors());
        figure("raw postgres single-row insert (autocommit): concurrency=%d duration=%ds rows=%d throughput=%.1f rows/s"
                        + " p50=%.2f ms p99=%.2f ms errors=%d",
                rawInsert.concurrency(), seconds, rawInsert.successes(), rawInsert.perSecond(),
                rawInsert.latencies().percentileMillis(50), rawInsert.latencies().percentileMillis(99), rawInsert.errors());
        figure("ingestion / raw insert ratio: %.3fx (each message is one transaction of several statements:"
                        + " dedupe lock and lookup, identity, conversation, message, outbox event, audit)",
                rawInsert.perSecond() == 0 ? 0 : ingestion.perSecond() / rawInsert.perSecond());
        activity.duringWindow().filter(counters -> ingestion.successes() > 0).ifPresent(counters -> {
            double perMessage = 1.0 / ingestion.successes();
            figure("database work per ingested message (pg_stat_database over the window, asynchronous follow-up"
                            + " included): %.1f commits, %.1f rows inserted, %.1f rows updated, %.1f rows deleted",
                    counters.commits() * perMessage, counters.rowsInserted() * perMessage,
                    counters.rowsUpdated() * perMessage, counters.rowsDeleted() * perMessage);
        });
        outbox.ifPresent(backlog -> figure(
                "outbox right after the window: %d events written, %d not yet published (asynchronous consumers' lag)",
                backlog.written(), backlog.unpublished()));
        printErrors("ingestion", ingestion.errorsByReason());
        printErrors("raw insert", rawInsert.errorsByReason());

        if (ingestion.successes() == 0 || rawInsert.successes() == 0) {
            System.err.println("[bench] nothing was measured; see the errors above");
            System.exit(1);
        }
    }

    private static void progress(String load, BenchmarkSettings settings) {
        System.out.printf(Locale.ROOT, "[bench] %s: warming up %ds, then measuring %ds at concurrency %d%n", load,
                settings.warmup().toSeconds(), settings.measured().toSeconds(), settings.concurrency());
    }

    private static void figure(String format, Object... values) {
        System.out.println("[figures] " + String.format(Locale.ROOT, format, values));
    }

    private static void printErrors(String load, Map<String, Long> errorsByReason) {
        errorsByReason.forEach((reason, count) ->
                System.out.printf(Locale.ROOT, "[errors] %s: %d x %s%n", load, count, reason));
    }
}
