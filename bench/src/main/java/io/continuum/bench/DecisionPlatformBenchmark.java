package io.continuum.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changing a decision costs on the running platform: how long after publishing a new
 * {@code severity} version it decides with it, and how many logged decisions a second a simulation
 * replays through a candidate version. Expects a running platform with the demo users on;
 * {@code bench/decisions.sh} starts one on its own database and runs this.
 */
public final class DecisionPlatformBenchmark {

    private static final String POLICY = "severity";
    /** The repository's severity.dmn, which the platform imports as version 1. */
    private static final int BASELINE_VERSION = 1;
    /** The text of the last output entry (the catch-all row of severity.dmn) and what surrounds it. */
    private static final Pattern OUTPUT_ENTRY = Pattern.compile("(<outputEntry\\b[^>]*>\\s*<text>)([^<]*)(</text>)");
    /** What customers write: 8 texts against 3 rotating channels, so every text comes in on every channel. */
    private static final List<String> CUSTOMER_TEXTS = List.of(
            "Hi, how do I export my invoices to CSV?",
            "I was charged twice for my subscription this month",
            "The app is down, nothing works since this morning",
            "Someone logged into my account from another country, I think I was hacked",
            "Where can I change my delivery address?",
            "If this is not sorted out this week I will talk to my lawyer",
            "Thanks, that answered my question",
            "The export button does nothing when I click it");
    /** Inputs of the evaluation that checks which version is live. */
    private static final Map<String, Object> PROBE = probe();
    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SIMULATION_TIMEOUT = Duration.ofMinutes(15);

    private DecisionPlatformBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DecisionPlatformSettings settings = DecisionPlatformSettings.from(args);
        System.out.println("[machine] " + Machine.describe(settings.database())
                + " (the platform, its PostgreSQL and this driver share these cpus)");
        var api = new PlatformApi(settings);

        Ingested ingested = waitForTriage(api, ingest(settings), settings.triageWait());

        String baseline = PolicySource.read(settings.repoRoot(), POLICY).text();
        // P2 rather than P1: a catch-all above the P2 rows would mask them, which the analysis refuses
        int raised = api.createVersion(POLICY, withLastOutput(baseline, "\"P2\""), "bench: catch-all row P2");
        System.out.printf(Locale.ROOT, "[bench] uploaded %s version %d (the catch-all row decides P2 instead of P3)%n",
                POLICY, raised);

        System.out.printf(Locale.ROOT, "[bench] simulating version %d over the logged %s decisions (limit %d)%n",
                raised, POLICY, settings.simulationLimit());
        Simulation simulation = simulate(api, raised, settings.simulationLimit());

        int rounds = settings.publishWarmups() + settings.publishRounds();
        System.out.printf(Locale.ROOT, "[bench] publish-to-live: %d rounds (%d unmeasured), alternating versions %d and %d%n",
                rounds, settings.publishWarmups(), raised, BASELINE_VERSION);
        var publishCalls = new LatencySamples();
        var publishToLive = new LatencySamples();
        int probesAfterPublish = 0;
        int live = BASELINE_VERSION;
        for (int round = 0; round < rounds; round++) {
            int version = live == raised ? BASELINE_VERSION : raised;
            long start = System.nanoTime();
            api.publish(POLICY, version);
            long published = System.nanoTime();
            int probes = 0;
            do {
                live = api.evaluate(POLICY, PROBE).path("version").asInt();
                probes++;
                if (live != version && System.nanoTime() - start > LIVE_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("version " + version + " was not live " + LIVE_TIMEOUT + " after publishing");
                }
            } while (live != version);
            long decided = System.nanoTime();
            if (round >= settings.publishWarmups()) {
                publishCalls.add(published - start);
                publishToLive.add(decided - start);
                probesAfterPublish = Math.max(probesAfterPublish, probes);
            }
        }
        if (live != BASELINE_VERSION) {
            api.publish(POLICY, BASELINE_VERSION);
        }
        System.out.printf(Locale.ROOT, "[bench] %s is back on version %d%n", POLICY, BASELINE_VERSION);

        figure("decision log: %d messages ingested in %.1f s (%d errors), %d new conversations, %s",
                ingested.accepted(), ingested.seconds(), ingested.errors(), ingested.conversations().size(),
                ingested.triagedAfter() == null ? "triage of the last one not seen within " + settings.triageWait().toSeconds() + " s"
                        : String.format(Locale.ROOT, "triage of the last one seen %.1f s after the last message", ingested.triagedAfter().toMillis() / 1000.0));
        figure("publish-to-live (publish call until the first evaluate answering with the new version, same node):"
                        + " rounds=%d p50=%.1f ms max=%.1f ms; publish call alone p50=%.1f ms max=%.1f ms;"
                        + " evaluations needed at most %d (other nodes follow within their 0.5 s poll plus one compilation)",
                publishToLive.count(), publishToLive.percentileMillis(50), publishToLive.maxMillis(),
                publishCalls.percentileMillis(50), publishCalls.maxMillis(), probesAfterPublish);
        figure("simulation of version %d: status=%s decisions replayed=%d (of %d) changed=%d in %.2f s (startedAt→finishedAt)"
                        + " = %.0f decisions/s; %.2f s for the whole call",
                raised, simulation.status(), simulation.processed(), simulation.total(), simulation.changed(),
                simulation.seconds(), simulation.seconds() == 0 ? 0 : simulation.processed() / simulation.seconds(),
                simulation.callSeconds());
        ingested.errorsByReason().forEach((reason, count) ->
                System.out.printf(Locale.ROOT, "[errors] ingestion: %d x %s%n", count, reason));

        if (!"completed".equals(simulation.status()) || simulation.processed() == 0) {
            System.err.println("[bench] the simulation did not replay any decision; see the figures above");
            System.exit(1);
        }
    }

    /** What ingestion left behind: the conversations it opened, in the order they were first seen. */
    private record Ingested(int accepted, long errors, Map<String, Long> errorsByReason, double seconds,
                            List<UUID> conversations, Duration triagedAfter) {

        Ingested triaged(Duration after) {
            return new Ingested(accepted, errors, errorsByReason, seconds, conversations, after);
        }
    }

    private record Simulation(String status, int total, int processed, int changed, double seconds, double callSeconds) {
    }

    private static Ingested ingest(DecisionPlatformSettings settings) throws InterruptedException {
        System.out.printf(Locale.ROOT, "[bench] ingesting %d messages with %d senders from %d customers%n",
                settings.messages(), settings.concurrency(), settings.customerPool());
        var messages = new InboundMessages(settings.baseUrl(), settings.apiUser(), settings.apiPassword(),
                settings.customerPool(), CUSTOMER_TEXTS);
        var remaining = new AtomicInteger(settings.messages());
        var accepted = new AtomicInteger();
        var errors = new LongAdder();
        var errorsByReason = new ConcurrentHashMap<String, LongAdder>();
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        List<UUID> conversations = new ArrayList<>();
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < settings.concurrency(); i++) {
            senders.add(new Thread(() -> {
                while (remaining.getAndDecrement() > 0) {
                    try {
                        UUID conversation = UUID.fromString(messages.send().path("conversationId").asText());
                        accepted.incrementAndGet();
                        if (seen.add(conversation)) {
                            synchronized (conversations) {
                                conversations.add(conversation);
                            }
                        }
                    } catch (Exception failure) {
                        errors.increment();
                        String reason = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
                        errorsByReason.computeIfAbsent(reason, key -> new LongAdder()).increment();
                    }
                }
            }, "ingestion-sender-" + (i + 1)));
        }
        senders.forEach(Thread::start);
        for (Thread sender : senders) {
            sender.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> reasons = new LinkedHashMap<>();
        errorsByReason.forEach((reason, count) -> reasons.put(reason, count.sum()));
        System.out.printf(Locale.ROOT, "[bench] ingested %d messages in %.1f s (%.0f msg/s), %d new conversations%n",
                accepted.get(), seconds, accepted.get() / seconds, conversations.size());
        return new Ingested(accepted.get(), errors.sum(), reasons, seconds, List.copyOf(conversations), null);
    }

    /**
     * Each new conversation's first message is triaged asynchronously (severity, routing, SLA),
     * in arrival order; once the last new conversation has its severity decision, the log holds
     * (nearly) all of them.
     */
    private static Ingested waitForTriage(PlatformApi api, Ingested ingested, Duration wait) throws Exception {
        if (ingested.conversations().isEmpty()) {
            return ingested;
        }
        UUID last = ingested.conversations().get(ingested.conversations().size() - 1);
        System.out.printf(Locale.ROOT, "[bench] waiting up to %d s for the triage of conversation %s%n", wait.toSeconds(), last);
        long start = System.nanoTime();
        while (System.nanoTime() - start < wait.toNanos()) {
            for (JsonNode decision : api.decisionsOf(last)) {
                if (POLICY.equals(decision.path("policy").asText())) {
                    Duration after = Duration.ofNanos(System.nanoTime() - start);
                    System.out.printf(Locale.ROOT, "[bench] triaged %.1f s after the last message%n", after.toMillis() / 1000.0);
                    return ingested.triaged(after);
                }
            }
            Thread.sleep(250);
        }
        System.out.println("[bench] the last conversation was not triaged in time; simulating over what is logged");
        return ingested;
    }

    private static Simulation simulate(PlatformApi api, int version, int limit) throws Exception {
        long start = System.nanoTime();
        JsonNode current = api.simulate(POLICY, version, limit, Duration.ofSeconds(60));
        while ("running".equals(current.path("status").asText())) {
            if (System.nanoTime() - start > SIMULATION_TIMEOUT.toNanos()) {
                throw new IllegalStateException("simulation " + current.path("id").asText() + " still running after "
                        + SIMULATION_TIMEOUT);
            }
            Thread.sleep(500);
            current = api.simulation(POLICY, current.path("id").asText());
        }
        double callSeconds = (System.nanoTime() - start) / 1e9;
        double seconds = current.hasNonNull("finishedAt")
                ? Duration.between(Instant.parse(current.path("startedAt").asText()),
                Instant.parse(current.path("finishedAt").asText())).toNanos() / 1e9
                : 0;
        return new Simulation(current.path("status").asText(), current.path("total").asInt(),
                current.path("processed").asInt(), current.path("changed").asInt(), seconds, callSeconds);
    }

    /** The DMN with the text of its last output entry replaced: one output changed, the model otherwise as is. */
    static String withLastOutput(String dmn, String value) {
        Matcher entries = OUTPUT_ENTRY.matcher(dmn);
        int start = -1;
        int end = -1;
        while (entries.find()) {
            start = entries.start(2);
            end = entries.end(2);
        }
        if (start < 0) {
            throw new IllegalArgumentException("The " + POLICY + " DMN has no <outputEntry><text> to change");
        }
        return dmn.substring(0, start) + value + dmn.substring(end);
    }

    private static Map<String, Object> probe() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("intent", "how_to_guidance");
        inputs.put("moneySignal", false);
        inputs.put("securitySignal", false);
        inputs.put("legalSignal", false);
        inputs.put("outageSignal", false);
        inputs.put("tier", "standard");
        inputs.put("sentiment", 0);
        return inputs;
    }

    private static void figure(String format, Object... values) {
        System.out.println("[figures] " + String.format(Locale.ROOT, format, values));
    }
}
