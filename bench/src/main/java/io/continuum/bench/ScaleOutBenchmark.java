package io.continuum.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingestion against one or more clustered nodes on one database, spread over them in turn: how many
 * messages a second are stored, how long until they are triaged, and whether every accepted message
 * was stored once and triaged once. {@code bench/two-nodes.sh} runs it against one node and then two
 * and prints the ratio. Prints a {@code [result]} line with the bare numbers for that script.
 */
public final class ScaleOutBenchmark {

    /** How often the drain wait looks at the backlog; short against the seconds a backlog takes. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(250);

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ScaleOutSettings settings = ScaleOutSettings.from(args);
        int nodes = settings.baseUrls().size();
        System.out.println("[machine] " + Machine.describe(settings.database())
                + " (the nodes, their PostgreSQL and this load driver share these cpus)");
        System.out.printf(Locale.ROOT, "[bench] nodes=%d %s: warming up %ds, then measuring %ds at concurrency %d%n",
                nodes, settings.baseUrls(), settings.warmup().toSeconds(), settings.measured().toSeconds(),
                settings.concurrency());

        var messages = new InboundMessages(settings.baseUrls(), settings.apiUser(), settings.apiPassword(),
                settings.customerPool(), List.of());
        // warmup messages included: the checks cover everything the platform acknowledged
        Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        var window = new MeasuredWindow();
        LoadRun.Result ingestion = LoadRun.run("ingestion", settings.concurrency(), settings.warmup(),
                settings.measured(), worker -> () -> {
                    JsonNode answer = messages.send();
                    accepted.add(UUID.fromString(answer.get("messageId").asText()));
                }, window);
        long loadStopped = System.nanoTime();

        var checks = new DeliveryChecks(settings.database());
        DeliveryChecks.Backlog backlog = checks.backlog();
        System.out.printf(Locale.ROOT, "[bench] load stopped: %d messages not yet handled by first contact,"
                + " %d conversations not yet triaged; waiting up to %ds%n", backlog.unhandledMessages(),
                backlog.untriagedConversations(), settings.drainTimeout().toSeconds());
        long drainDeadline = loadStopped + settings.drainTimeout().toNanos();
        while (!backlog.empty() && System.nanoTime() - drainDeadline < 0) {
            Thread.sleep(DRAIN_POLL.toMillis());
            backlog = checks.backlog();
        }
        double drainSeconds = (System.nanoTime() - loadStopped) / 1e9;

        DeliveryChecks.Lag triage = checks.triageLag(window.opened, window.closed);
        DeliveryChecks.Lag pickUp = checks.pickUpLag(window.opened, window.closed);
        DeliveryChecks.Counts counts = checks.counts(accepted);

        figure("nodes=%d ingestion: concurrency=%d duration=%ds messages=%d throughput=%.1f msg/s"
                        + " p50=%.1f ms p99=%.1f ms max=%.1f ms errors=%d",
                nodes, ingestion.concurrency(), settings.measured().toSeconds(), ingestion.successes(),
                ingestion.perSecond(), ingestion.latencies().percentileMillis(50),
                ingestion.latencies().percentileMillis(99), ingestion.latencies().maxMillis(), ingestion.errors());
        figure("nodes=%d triage lag (accepted → classified, the %d new conversations opened in the window):"
                        + " p50=%.0f ms p99=%.0f ms max=%.0f ms; first contact picked up the %d messages of the window"
                        + " p50=%.0f ms p99=%.0f ms after they were accepted; %s",
                nodes, triage.count(), triage.p50Millis(), triage.p99Millis(), triage.maxMillis(), pickUp.count(),
                pickUp.p50Millis(), pickUp.p99Millis(),
                backlog.empty() ? String.format(Locale.ROOT, "everything handled %.1f s after the load stopped", drainSeconds)
                        : String.format(Locale.ROOT, "NOT caught up %.0f s after the load stopped: %d messages, %d conversations left",
                        drainSeconds, backlog.unhandledMessages(), backlog.untriagedConversations()));
        System.out.printf(Locale.ROOT, "[checks] nodes=%d accepted=%d stored=%d lost=%d duplicated=%d"
                        + " stored-without-202=%d unhandled=%d dead-letters=%d conversations=%d untriaged=%d triaged-twice=%d %s%n",
                nodes, counts.accepted(), counts.stored(), counts.lost(), counts.duplicated(), counts.storedWithout202(),
                counts.unhandled(), counts.deadLetters(), counts.conversations(), counts.untriaged(),
                counts.triagedTwice(), counts.correct() ? "OK" : "FAILED");
        System.out.printf(Locale.ROOT, "[result] nodes=%d throughput=%.1f p50=%.1f p99=%.1f triage_p50=%.0f triage_p99=%.0f drain=%.1f%n",
                nodes, ingestion.perSecond(), ingestion.latencies().percentileMillis(50),
                ingestion.latencies().percentileMillis(99), triage.p50Millis(), triage.p99Millis(), drainSeconds);
        ingestion.errorsByReason().forEach((reason, count) ->
                System.out.printf(Locale.ROOT, "[errors] nodes=%d ingestion: %d x %s%n", nodes, count, reason));

        if (ingestion.successes() == 0 || !backlog.empty() || !counts.correct()) {
            System.err.println("[bench] nothing measured, not caught up, or a message lost or handled twice; see above");
            System.exit(1);
        }
    }

    /** The measured window's edges on the wall clock, which the platform's event timestamps also use. */
    private static final class MeasuredWindow implements LoadRun.WindowListener {
        private volatile Instant opened;
        private volatile Instant closed;

        @Override
        public void opened() {
            opened = Instant.now();
        }

        @Override
        public void closed() {
            closed = Instant.now();
        }
    }

    private static void figure(String format, Object... values) {
        System.out.println("[figures] " + String.format(Locale.ROOT, format, values));
    }
}
