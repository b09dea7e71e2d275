package io.continuum.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From a message sent to its triage done, in one run: mixed-channel messages into
 * {@code POST /api/v1/messages}, and for the same run the messages stored a second, the messages
 * first contact finished a second, the ingestion latency, the triage lag (accepted → first contact
 * committed), the outbox backlog when the load stops, next to two ceilings measured on the same
 * PostgreSQL: single-row inserts, and the ingestion transaction's own statements through pgbench.
 * Steady mode loads for a duration at a fixed concurrency (a closed loop: the next message leaves when
 * the last was answered, so the load always saturates the platform); paced mode offers messages at
 * fixed rates whatever the answers (an open loop, as customers write) and prints the triage lag at
 * each rate; burst mode sends a number of messages as fast as the workers can and prints how long
 * until the backlog is zero. {@code bench/end-to-end.sh}
 * starts the platform and runs this.
 */
public final class EndToEndBenchmark {

    /** What customers write, in turn over the three channels: how-tos, money, outages, security, legal, thanks. */
    private static final List<String> CUSTOMER_TEXTS = List.of(
            "Hi, how do I export my invoices to CSV?",
            "I was charged twice for my subscription this month",
            "The app is down, nothing works since this morning",
            "Someone logged into my account from another country, I think I was hacked",
            "Where can I change my delivery address?",
            "If this is not sorted out this week I will talk to my lawyer",
            "Thanks, that answered my question",
            "The export button does nothing when I click it, the console shows HTTP 500");
    private static final Pattern PGBENCH_TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PGBENCH_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EndToEndSettings settings = EndToEndSettings.from(args);
        BenchDatabase database = settings.database();
        System.out.println("[machine] " + Machine.describe(database)
                + " (the platform, its PostgreSQL and this load driver share these cpus)");

        // the ceilings first, while the platform is idle: the load leaves triage work behind that would compete
        Ceilings ceilings = ceilings(settings);

        var messages = new InboundMessages(List.of(settings.baseUrl()), settings.apiUser(), settings.apiPassword(),
                settings.customerPool(), CUSTOMER_TEXTS);
        Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        var activity = new DatabaseActivity(database);
        int failed;
        try (ChannelSinks replies = ChannelSinks.start(settings.smtpPort(), settings.whatsappApiPort());
             TriageWatch watch = TriageWatch.start(database)) {
            activity.opened();
            if (settings.burstMode()) {
                failed = burst(settings, messages, accepted, watch, ceilings);
            } else if (settings.pacedMode()) {
                failed = paced(settings, messages, accepted, watch, ceilings);
            } else {
                failed = steady(settings, messages, accepted, watch, ceilings);
            }
            activity.closed();
            figure("replies when the backlog was zero: %s; received by the local sinks: %d e-mails (SMTP), %d WhatsApp"
                            + " messages (Graph API)", new DeliveryChecks(database).replies(), replies.emailsReceived(),
                    replies.whatsappMessagesReceived());
        }
        activity.duringWindow().ifPresent(work -> figure("database work from the first message until the backlog was zero"
                        + " (pg_stat_database, read-only transactions and this driver's polling included): %d transactions"
                        + " committed, %.1f per accepted message; rows per message: %.1f inserted, %.1f updated, %.1f deleted",
                work.commits(), perMessage(work.commits(), accepted), perMessage(work.rowsInserted(), accepted),
                perMessage(work.rowsUpdated(), accepted), perMessage(work.rowsDeleted(), accepted)));
        DeliveryChecks.Counts counts = new DeliveryChecks(database).counts(accepted);
        System.out.printf(Locale.ROOT, "[checks] accepted=%d stored=%d lost=%d duplicated=%d stored-without-202=%d"
                        + " unhandled=%d dead-letters=%d conversations=%d untriaged=%d triaged-twice=%d %s%n",
                counts.accepted(), counts.stored(), counts.lost(), counts.duplicated(), counts.storedWithout202(),
                counts.unhandled(), counts.deadLetters(), counts.conversations(), counts.untriaged(),
                counts.triagedTwice(), counts.correct() ? "OK" : "FAILED");
        if (failed > 0 || !counts.correct()) {
            System.err.println("[bench] not caught up, nothing measured, or a message lost or handled twice; see above");
            System.exit(1);
        }
    }

    private static double perMessage(long count, Set<UUID> accepted) {
        return accepted.isEmpty() ? 0 : (double) count / accepted.size();
    }

    private static int steady(EndToEndSettings settings, InboundMessages messages, Set<UUID> accepted,
                              TriageWatch watch, Ceilings ceilings) throws Exception {
        System.out.printf(Locale.ROOT, "[bench] steady: warming up %ds, then measuring %ds at concurrency %d%n",
                settings.warmup().toSeconds(), settings.measured().toSeconds(), settings.concurrency());
        var window = new Window();
        LoadRun.Result ingestion = LoadRun.run("ingestion", settings.concurrency(), settings.warmup(),
                settings.measured(), worker -> () -> accept(messages, accepted), window);
        long backlogAtEnd = unpublished(settings.database());
        int finishedAtEnd = watch.finishedCount();
        Drained drained = drain(settings, accepted, watch, Instant.now());

        List<TriageWatch.Finished> finished = watch.finished();
        var lag = new LatencySamples();
        long triagedInWindow = 0;
        for (TriageWatch.Finished message : finished) {
            if (!message.accepted().isBefore(window.opened) && message.accepted().isBefore(window.closed)) {
                lag.add(Duration.between(message.accepted(), message.finished()).toNanos());
            }
            if (!message.finished().isBefore(window.opened) && message.finished().isBefore(window.closed)) {
                triagedInWindow++;
            }
        }
        double windowSeconds = Duration.between(window.opened, window.closed).toNanos() / 1e9;
        double triagedPerSecond = triagedInWindow / windowSeconds;
        figure("steady: concurrency=%d duration=%ds stored=%d messages (%.1f msg/s) triaged in the window=%d (%.1f msg/s)"
                        + " ingestion p50=%.1f ms p99=%.1f ms max=%.1f ms errors=%d",
                settings.concurrency(), settings.measured().toSeconds(), ingestion.successes(), ingestion.perSecond(),
                triagedInWindow, triagedPerSecond, ingestion.latencies().percentileMillis(50),
                ingestion.latencies().percentileMillis(99), ingestion.latencies().maxMillis(), ingestion.errors());
        figure("steady: triage lag (accepted → first contact committed, the %d messages accepted in the window,"
                        + " seen within %d ms): p50=%.0f ms p99=%.0f ms max=%.0f ms",
                lag.count(), TriageWatch.POLL.toMillis(), lag.percentileMillis(50), lag.percentileMillis(99),
                lag.maxMillis());
        figure("steady: when the load stopped: outbox %d events not yet published, first contact %d of %d accepted"
                        + " messages not yet finished; %s",
                backlogAtEnd, accepted.size() - finishedAtEnd, accepted.size(), drained.describe());
        ceilings.print(ingestion.perSecond(), triagedPerSecond);
        ingestion.errorsByReason().forEach((reason, count) ->
                System.out.printf(Locale.ROOT, "[errors] ingestion: %d x %s%n", count, reason));
        return ingestion.successes() == 0 || !drained.zero ? 1 : 0;
    }

    private static int burst(EndToEndSettings settings, InboundMessages messages, Set<UUID> accepted,
                             TriageWatch watch, Ceilings ceilings) throws Exception {
        System.out.printf(Locale.ROOT, "[bench] burst: %d messages as fast as %d workers send them%n",
                settings.burst(), settings.concurrency());
        var remaining = new AtomicLong(settings.burst());
        var errors = new AtomicLong();
        var samples = new ArrayList<LatencySamples>();
        var workers = new ArrayList<Thread>();
        Instant started = Instant.now();
        for (int i = 0; i < settings.concurrency(); i++) {
            var mine = new LatencySamples();
            samples.add(mine);
            workers.add(new Thread(() -> {
                while (remaining.getAndDecrement() > 0) {
                    long begin = System.nanoTime();
                    try {
                        accept(messages, accepted);
                        mine.add(System.nanoTime() - begin);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "burst-worker-" + (i + 1)));
        }
        runToTheEnd(workers);
        Instant sent = Instant.now();
        long backlogAtEnd = unpublished(settings.database());
        int finishedAtEnd = watch.finishedCount();
        Drained drained = drain(settings, accepted, watch, started);

        var latencies = new LatencySamples();
        samples.forEach(latencies::addAll);
        var lag = new LatencySamples();
        watch.finished().forEach(message -> lag.add(Duration.between(message.accepted(), message.finished()).toNanos()));
        double sendSeconds = Duration.between(started, sent).toNanos() / 1e9;
        double storedPerSecond = latencies.count() / sendSeconds;
        double triagedPerSecond = drained.zero ? accepted.size() / drained.seconds : 0;
        figure("burst: %d messages stored in %.1f s (%.1f msg/s) ingestion p50=%.1f ms p99=%.1f ms max=%.1f ms errors=%d",
                latencies.count(), sendSeconds, storedPerSecond, latencies.percentileMillis(50),
                latencies.percentileMillis(99), latencies.maxMillis(), errors.get());
        figure("burst: when the last message was accepted: outbox %d events not yet published, first contact %d of %d"
                        + " messages not yet finished", backlogAtEnd, accepted.size() - finishedAtEnd, accepted.size());
        figure("burst: %s (%.1fx the burst's %.1f s); triaged %.1f msg/s over the whole run",
                drained.describe(), drained.seconds / sendSeconds, sendSeconds, triagedPerSecond);
        figure("burst: triage lag (accepted → first contact committed, %d messages, seen within %d ms):"
                        + " p50=%.0f ms p99=%.0f ms max=%.0f ms",
                lag.count(), TriageWatch.POLL.toMillis(), lag.percentileMillis(50), lag.percentileMillis(99),
                lag.maxMillis());
        ceilings.print(storedPerSecond, triagedPerSecond);
        return latencies.count() == 0 || !drained.zero ? 1 : 0;
    }

    /** A paced run is called sustained when its triage lag p99 is within this, the lag the product aims at. */
    private static final Duration SUSTAINED_LAG = Duration.ofSeconds(2);
    /** A send starting later than this after its scheduled time means the workers could not keep the pace. */
    private static final Duration BEHIND_SCHEDULE = Duration.ofSeconds(1);

    /**
     * Each rate in turn: messages offered at that rate for the warmup and the measured window, then every
     * accepted message drained before the next rate. The ingestion latency counts from each message's
     * scheduled time, so a platform that answers slowly is not hidden by a driver that waited for it.
     */
    private static int paced(EndToEndSettings settings, InboundMessages messages, Set<UUID> accepted,
                             TriageWatch watch, Ceilings ceilings) throws Exception {
        double lowest = settings.rates().stream().min(Double::compare).orElseThrow();
        System.out.printf(Locale.ROOT, "[bench] paced: first %ds at %.1f msg/s, not measured: a platform just started"
                + " compiles its code paths during its first minutes%n", settings.pacedWarmup().toSeconds(), lowest);
        pacedAt(lowest, settings.pacedWarmup(), settings, messages, accepted, watch, false);
        int failed = 0;
        for (double rate : settings.rates()) {
            failed += pacedAt(rate, settings.measured(), settings, messages, accepted, watch, true);
        }
        ceilings.printAlone();
        return failed;
    }

    private static int pacedAt(double rate, Duration measured, EndToEndSettings settings, InboundMessages messages,
                               Set<UUID> accepted, TriageWatch watch, boolean report) throws Exception {
        if (report) {
            System.out.printf(Locale.ROOT, "[bench] paced: %.1f msg/s, warming up %ds, then measuring %ds, at most %d in flight%n",
                    rate, settings.warmup().toSeconds(), measured.toSeconds(), settings.concurrency());
        }
        long intervalNanos = Math.round(1e9 / rate);
        long loadNanos = settings.warmup().plus(measured).toNanos();
        long messagesToSend = loadNanos / intervalNanos;
        var next = new AtomicLong();
        var errors = new AtomicLong();
        var behindSchedule = new AtomicLong();
        var samples = new ArrayList<LatencySamples>();
        var workers = new ArrayList<Thread>();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Instant windowOpened = startedAt.plus(settings.warmup());
        Instant windowClosed = windowOpened.plus(measured);
        for (int i = 0; i < settings.concurrency(); i++) {
            var mine = new LatencySamples();
            samples.add(mine);
            workers.add(new Thread(() -> {
                long index;
                while ((index = next.getAndIncrement()) < messagesToSend) {
                    long scheduled = started + index * intervalNanos;
                    try {
                        waitUntil(scheduled);
                        if (System.nanoTime() - scheduled > BEHIND_SCHEDULE.toNanos()) {
                            behindSchedule.incrementAndGet();
                        }
                        accept(messages, accepted);
                        if (scheduled - started >= settings.warmup().toNanos()) {
                            mine.add(System.nanoTime() - scheduled);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "paced-worker-" + (i + 1)));
        }
        workers.forEach(Thread::start);
        Optional<ProcessorTime> processorTime = ProcessorTime.of(settings.platformPid());
        waitUntil(started + settings.warmup().toNanos());
        Optional<ProcessorTime.Reading> windowStart = processorTime.map(ProcessorTime::read);
        waitUntil(started + settings.warmup().plus(measured).toNanos());
        Optional<ProcessorTime.Spent> spent = processorTime.map(time -> time.between(windowStart.orElseThrow(), time.read()));
        for (Thread worker : workers) {
            worker.join();
        }
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        long backlogAtEnd = unpublished(settings.database());
        int unfinishedAtEnd = accepted.size() - watch.finishedCount();
        Drained drained = drain(settings, accepted, watch, startedAt);

        if (!report) {
            return drained.zero ? 0 : 1;
        }
        var latencies = new LatencySamples();
        samples.forEach(latencies::addAll);
        var lag = new LatencySamples();
        long triagedInWindow = 0;
        for (TriageWatch.Finished message : watch.finished()) {
            if (!message.accepted().isBefore(windowOpened) && message.accepted().isBefore(windowClosed)) {
                lag.add(Duration.between(message.accepted(), message.finished()).toNanos());
            }
            if (!message.finished().isBefore(windowOpened) && message.finished().isBefore(windowClosed)) {
                triagedInWindow++;
            }
        }
        double windowSeconds = measured.toNanos() / 1e9;
        boolean sustained = drained.zero && lag.count() > 0 && behindSchedule.get() == 0
                && lag.percentileMillis(99) <= SUSTAINED_LAG.toMillis();
        figure("paced %.1f msg/s: stored %d in the %ds window (%.1f msg/s), triaged in the window %d (%.1f msg/s);"
                        + " ingestion from the scheduled send p50=%.1f ms p99=%.1f ms max=%.1f ms; errors=%d,"
                        + " sends behind schedule by over %d s=%d",
                rate, latencies.count(), measured.toSeconds(), latencies.count() / windowSeconds,
                triagedInWindow, triagedInWindow / windowSeconds, latencies.percentileMillis(50),
                latencies.percentileMillis(99), latencies.maxMillis(), errors.get(), BEHIND_SCHEDULE.toSeconds(),
                behindSchedule.get());
        figure("paced %.1f msg/s: triage lag (accepted → first contact committed, the %d messages accepted in the"
                        + " window, seen within %d ms): p50=%.0f ms p99=%.0f ms max=%.0f ms; %s (lag p99 within %d s)",
                rate, lag.count(), TriageWatch.POLL.toMillis(), lag.percentileMillis(50), lag.percentileMillis(99),
                lag.maxMillis(), sustained ? "SUSTAINED" : "NOT sustained", SUSTAINED_LAG.toSeconds());
        long storedInWindow = latencies.count();
        spent.ifPresent(time -> figure("paced %.1f msg/s: processor time in the window, per message stored in it:"
                        + " platform %.1f ms, PostgreSQL %.1f ms; the machine %.0f %% busy", rate,
                time.platformMillis() / storedInWindow, time.postgresMillis() / storedInWindow,
                100 * time.machineBusyShare()));
        figure("paced %.1f msg/s: when the load stopped after %.1f s: outbox %d events not yet published, first contact"
                        + " %d messages not yet finished; %s", rate, loadSeconds, backlogAtEnd, unfinishedAtEnd,
                drained.describe());
        System.out.printf(Locale.ROOT, "[bench] paced %.1f msg/s: the window was %s to %s UTC (bench/profile.sh recording.jfr %s %s)%n",
                rate, clockTime(windowOpened), clockTime(windowClosed), clockTime(windowOpened), clockTime(windowClosed));
        return latencies.count() == 0 || !drained.zero ? 1 : 0;
    }

    private static String clockTime(Instant instant) {
        return DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).format(instant.atOffset(ZoneOffset.UTC));
    }

    private static void runToTheEnd(List<Thread> workers) throws InterruptedException {
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static void waitUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    private static void accept(InboundMessages messages, Set<UUID> accepted) throws IOException, InterruptedException {
        JsonNode answer = messages.send();
        accepted.add(UUID.fromString(answer.get("messageId").asText()));
    }

    /** How long from {@code since} until every accepted message was finished and the outbox was empty. */
    private record Drained(boolean zero, double seconds, long unpublished, long unfinished) {

        String describe() {
            return zero ? String.format(Locale.ROOT, "backlog zero %.1f s after the load started", seconds)
                    : String.format(Locale.ROOT, "backlog NOT zero after %.0f s: %d events unpublished, %d messages"
                    + " not finished by first contact", seconds, unpublished, unfinished);
        }
    }

    private static Drained drain(EndToEndSettings settings, Set<UUID> accepted, TriageWatch watch, Instant since)
            throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(settings.drainTimeout());
        while (true) {
            long unfinished = accepted.size() - watch.finishedCount();
            long unpublished = unpublished(settings.database());
            Instant now = Instant.now();
            double seconds = Duration.between(since, now).toNanos() / 1e9;
            if (unfinished <= 0 && unpublished == 0) {
                return new Drained(true, seconds, 0, 0);
            }
            if (now.isAfter(deadline)) {
                return new Drained(false, seconds, unpublished, unfinished);
            }
            Thread.sleep(TriageWatch.POLL.toMillis());
        }
    }

    /** Outbox events written and not yet relayed to their consumers (retries waiting for their backoff included). */
    private static long unpublished(BenchDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** What the same PostgreSQL does with a bare single-row insert, and with the ingestion transaction's own statements. */
    private record Ceilings(int concurrency, LoadRun.Result rawInsert, double pgbenchTps, double pgbenchLatencyMillis) {

        void print(double storedPerSecond, double triagedPerSecond) {
            printAlone();
            figure("ratios: stored / raw insert %.3fx, stored / ingestion SQL %.3fx, triaged / raw insert %.3fx,"
                            + " triaged / ingestion SQL %.3fx", ratio(storedPerSecond, rawInsert.perSecond()),
                    ratio(storedPerSecond, pgbenchTps), ratio(triagedPerSecond, rawInsert.perSecond()),
                    ratio(triagedPerSecond, pgbenchTps));
        }

        void printAlone() {
            figure("ceiling raw postgres single-row insert (autocommit): concurrency=%d %.1f rows/s p50=%.2f ms p99=%.2f ms",
                    concurrency, rawInsert.perSecond(), rawInsert.latencies().percentileMillis(50),
                    rawInsert.latencies().percentileMillis(99));
            figure("ceiling ingestion transaction's SQL (pgbench, bench/ingestion-transaction.sql): concurrency=%d"
                    + " %.1f transactions/s latency average=%.2f ms", concurrency, pgbenchTps, pgbenchLatencyMillis);
        }

        private static double ratio(double part, double whole) {
            return whole == 0 ? 0 : part / whole;
        }
    }

    private static Ceilings ceilings(EndToEndSettings settings) throws Exception {
        System.out.printf(Locale.ROOT, "[bench] ceilings: single-row inserts, then pgbench of %s, %ds each at"
                + " concurrency %d%n", settings.ingestionScript(), settings.ceiling().toSeconds(), settings.concurrency());
        LoadRun.Result rawInsert;
        try (RawInserts rawInserts = RawInserts.prepare(settings.ceilingDatabase())) {
            rawInsert = LoadRun.run("raw-insert", settings.concurrency(), settings.warmup(), settings.ceiling(),
                    worker -> rawInserts.inserter(), LoadRun.WindowListener.NONE);
        }
        String pgbench = pgbench(settings);
        return new Ceilings(settings.concurrency(), rawInsert, number(PGBENCH_TPS, pgbench), number(PGBENCH_LATENCY, pgbench));
    }

    /** Runs the script on the copy of the platform's schema, where no relay acts on the rows it writes. */
    private static String pgbench(EndToEndSettings settings) throws IOException, InterruptedException {
        URI url = URI.create(settings.ceilingDatabase().jdbcUrl().substring("jdbc:".length()));
        var command = List.of("pgbench", "-n", "-M", "prepared", "-h", url.getHost(),
                "-p", Integer.toString(url.getPort() < 0 ? 5432 : url.getPort()), "-U", settings.ceilingDatabase().user(),
                "-c", Integer.toString(settings.concurrency()), "-j", Integer.toString(Math.min(settings.concurrency(), 2)),
                "-T", Long.toString(settings.ceiling().toSeconds()), "-f", settings.ingestionScript().toString(),
                url.getPath().substring(1));
        var process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().put("PGPASSWORD", settings.ceilingDatabase().password());
        Process run = process.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(settings.ceiling().toSeconds() + 60, TimeUnit.SECONDS) || run.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + output);
        }
        return output;
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("pgbench printed no " + pattern + ": " + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** The steady window's edges on the wall clock, which the platform's event timestamps also use. */
    private static final class Window implements LoadRun.WindowListener {
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
