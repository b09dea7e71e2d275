package io.continuum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.engine.CompilationResult;
import io.continuum.decisions.engine.CompiledPolicy;
import io.continuum.decisions.engine.PolicyCompiler;
import io.continuum.decisions.engine.ValidationMessage;
import io.continuum.failsafes.FailsafePolicy;
import io.continuum.failsafes.ProposedAction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How fast the decision engine decides, in this JVM with the platform's own {@link PolicyCompiler}
 * and the policies of the repository: single-table {@code severity} evaluations a second on one
 * thread and on every processor, the latency of the whole decision chain a message goes through,
 * and what compiling each policy costs (what publishing a version costs every node).
 * {@code bench/decisions.sh} runs this before it starts the platform, so nothing else competes
 * for the processors.
 */
public final class DecisionEngineBenchmark {

    private DecisionEngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DecisionEngineSettings settings = DecisionEngineSettings.from(args);
        int processors = Runtime.getRuntime().availableProcessors();
        System.out.println("[machine] " + Machine.describe() + " (decision engine in this JVM alone)");

        var compiler = new PolicyCompiler(new ObjectMapper());
        List<PolicySource> sources = PolicySource.all(settings.repoRoot());
        Map<String, CompiledPolicy> compiled = new LinkedHashMap<>();
        Map<String, Double> coldMillis = new LinkedHashMap<>();
        for (PolicySource source : sources) {
            long start = System.nanoTime();
            CompilationResult result = compiler.compile(source.name(), source.kind(), source.text());
            coldMillis.put(source.name(), (System.nanoTime() - start) / 1e6);
            result.policy().ifPresentOrElse(policy -> compiled.put(source.name(), policy),
                    () -> System.out.printf(Locale.ROOT, "[errors] %s does not compile: %s%n", source.name(),
                            describe(result.errors())));
        }
        System.out.printf(Locale.ROOT, "[bench] compiled %s from %s%n", compiled.keySet(), settings.repoRoot());
        TriageCases cases = TriageCases.generate(settings.cases(), settings.seed());

        LoadRun.Result oneThread = null;
        LoadRun.Result allThreads = null;
        CompiledPolicy severity = compiled.get("severity");
        if (severity != null) {
            List<Map<String, Object>> inputs = cases.all().stream()
                    .map(triageCase -> DecisionChain.plain(triageCase.severityInputs().context())).toList();
            progress("severity on 1 thread", settings, 1);
            oneThread = LoadRun.run("severity", 1, settings.warmup(), settings.measured(),
                    worker -> evaluating(severity, inputs, 0), LoadRun.WindowListener.NONE);
            progress("severity on " + settings.threads() + " threads", settings, settings.threads());
            allThreads = LoadRun.run("severity", settings.threads(), settings.warmup(), settings.measured(),
                    worker -> evaluating(severity, inputs, worker * inputs.size() / settings.threads()),
                    LoadRun.WindowListener.NONE);
        }

        LoadRun.Result chain = null;
        StepLatencies steps = new StepLatencies();
        List<String> missing = DecisionChain.POLICIES.stream().filter(name -> !compiled.containsKey(name)).toList();
        if (missing.isEmpty()) {
            var decisions = new DecisionChain(compiled);
            progress("decision chain on 1 thread", settings, 1);
            chain = LoadRun.run("chain", 1, settings.warmup(), settings.measured(), worker -> {
                TriageCases.Cursor cursor = cases.cursor(0);
                return () -> decisions.decide(cursor.next(), steps);
            }, steps);
        } else {
            System.out.println("[bench] skipping the decision chain: " + missing + " missing or not compiling");
        }

        Map<String, LatencySamples> longReplies = new LinkedHashMap<>();
        CompiledPolicy failsafes = compiled.get(FailsafePolicy.POLICY);
        if (failsafes != null) {
            System.out.println("[bench] ai-failsafes on long replies: 3 unmeasured, then up to " + LONG_REPLY_RUNS
                    + " timed evaluations each");
            LONG_REPLIES.forEach(reply -> longReplies.put(reply.getKey(), timeReply(failsafes, reply.getValue())));
        }

        System.out.printf(Locale.ROOT, "[bench] compile time: %d unmeasured then %d timed compilations of each policy%n",
                settings.compileWarmups(), settings.compiles());
        Map<String, LatencySamples> compileTimes = new LinkedHashMap<>();
        for (PolicySource source : sources) {
            if (compiled.containsKey(source.name())) {
                compileTimes.put(source.name(), timeCompilations(compiler, source, settings));
            }
        }

        long seconds = settings.measured().toSeconds();
        if (oneThread != null) {
            figure("severity (DMN decision table) on 1 thread: duration=%ds evaluations=%d throughput=%.0f eval/s per core"
                            + " p50=%.1f µs p99=%.1f µs errors=%d",
                    seconds, oneThread.successes(), oneThread.perSecond(), oneThread.latencies().percentileMicros(50),
                    oneThread.latencies().percentileMicros(99), oneThread.errors());
            int cores = Math.min(settings.threads(), processors);
            figure("severity on %d threads (%d processors): duration=%ds evaluations=%d throughput=%.0f eval/s total,"
                            + " %.0f eval/s per core (%.2fx one thread) p50=%.1f µs p99=%.1f µs errors=%d",
                    settings.threads(), processors, seconds, allThreads.successes(), allThreads.perSecond(),
                    allThreads.perSecond() / cores,
                    oneThread.perSecond() == 0 ? 0 : allThreads.perSecond() / oneThread.perSecond(),
                    allThreads.latencies().percentileMicros(50), allThreads.latencies().percentileMicros(99),
                    allThreads.errors());
        }
        if (chain != null) {
            figure("decision chain per message (severity → routing → sla-policy → ai-failsafes) on 1 thread:"
                            + " duration=%ds messages=%d p50=%.0f µs p99=%.0f µs max=%.0f µs (%.0f messages/s) errors=%d",
                    seconds, chain.successes(), chain.latencies().percentileMicros(50),
                    chain.latencies().percentileMicros(99), chain.latencies().maxMillis() * 1_000, chain.perSecond(),
                    chain.errors());
            figure("chain steps p50 / p99: %s", steps.describe());
        }
        if (!longReplies.isEmpty()) {
            figure("ai-failsafes on long replies (median / max of up to %d, within %d s each): %s", LONG_REPLY_RUNS,
                    LONG_REPLY_BUDGET_NANOS / 1_000_000_000L, longReplies.entrySet().stream()
                    .map(entry -> String.format(Locale.ROOT, "%s %.0f / %.0f µs (%d timed)", entry.getKey(),
                            entry.getValue().percentileMicros(50), entry.getValue().maxMillis() * 1_000,
                            entry.getValue().count()))
                    .collect(Collectors.joining(", ")));
        }
        figure("compile time per policy, warm (median / max of %d; what publishing a version costs each node): %s",
                settings.compiles(), compileTimes.entrySet().stream()
                        .map(entry -> String.format(Locale.ROOT, "%s %.0f / %.0f ms", entry.getKey(),
                                entry.getValue().percentileMillis(50), entry.getValue().maxMillis()))
                        .collect(Collectors.joining(", ")));
        figure("compile time per policy, cold (first compilation in this JVM): %s", coldMillis.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %.0f ms", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", ")));
        if (oneThread != null) {
            printErrors("severity on 1 thread", oneThread.errorsByReason());
            printErrors("severity on " + settings.threads() + " threads", allThreads.errorsByReason());
        }
        if (chain != null) {
            printErrors("decision chain", chain.errorsByReason());
        }

        if (oneThread == null || oneThread.successes() == 0 || chain == null || chain.successes() == 0) {
            System.err.println("[bench] the decision engine was not fully measured; see the errors above");
            System.exit(1);
        }
    }

    private static final int LONG_REPLY_RUNS = 20;
    /**
     * Replies far longer than any the AI writes, so the figure shows how the failsafes' cost grows with the text:
     * words in one sentence, words in many short sentences, and one "word" with no space at all.
     */
    private static final List<Map.Entry<String, String>> LONG_REPLIES = List.of(
            Map.entry("20,000 characters of words", "we are looking into this for you ".repeat(606)),
            Map.entry("20,000 characters of short sentences", "We looked. It is odd. ".repeat(909)),
            Map.entry("65,536 characters without a space", "x".repeat(65_536)));
    /** A reply that takes longer than this is timed fewer times rather than holding the benchmark up. */
    private static final long LONG_REPLY_BUDGET_NANOS = 10_000_000_000L;

    private static LatencySamples timeReply(CompiledPolicy failsafes, String text) {
        ProposedAction action = new ProposedAction();
        action.setActionId("long-reply");
        action.setType("reply");
        action.setActor("ai");
        action.setText(text);
        Map<String, Object> inputs = DecisionChain.plain(new FailsafePolicy.Inputs(action));
        var times = new LatencySamples();
        long budgetEnds = System.nanoTime() + LONG_REPLY_BUDGET_NANOS;
        for (int i = 0; i < LONG_REPLY_RUNS + 3 && System.nanoTime() < budgetEnds; i++) {
            long start = System.nanoTime();
            failsafes.evaluate(inputs);
            if (i >= 3) {
                times.add(System.nanoTime() - start);
            }
        }
        return times;
    }

    /** A worker evaluating the policy on the inputs in turn, from its own starting point. */
    private static LoadRun.Operation evaluating(CompiledPolicy policy, List<Map<String, Object>> inputs, int start) {
        int[] next = {start % inputs.size()};
        return () -> {
            policy.evaluate(inputs.get(next[0]));
            next[0] = next[0] + 1 == inputs.size() ? 0 : next[0] + 1;
        };
    }

    private static LatencySamples timeCompilations(PolicyCompiler compiler, PolicySource source,
                                                   DecisionEngineSettings settings) {
        var times = new LatencySamples();
        for (int i = 0; i < settings.compileWarmups() + settings.compiles(); i++) {
            long start = System.nanoTime();
            CompilationResult result = compiler.compile(source.name(), source.kind(), source.text());
            long nanos = System.nanoTime() - start;
            if (!result.succeeded()) {
                throw new IllegalStateException(source.name() + " compiled once, then not: " + describe(result.errors()));
            }
            if (i >= settings.compileWarmups()) {
                times.add(nanos);
            }
        }
        return times;
    }

    private static String describe(List<ValidationMessage> errors) {
        return errors.stream()
                .map(error -> (error.line() == null ? "" : "line " + error.line() + ": ") + error.message())
                .collect(Collectors.joining("; "));
    }

    private static void progress(String load, DecisionEngineSettings settings, int threads) {
        System.out.printf(Locale.ROOT, "[bench] %s: warming up %ds, then measuring %ds (%d thread%s)%n", load,
                settings.warmup().toSeconds(), settings.measured().toSeconds(), threads, threads == 1 ? "" : "s");
    }

    private static void figure(String format, Object... values) {
        System.out.println("[figures] " + String.format(Locale.ROOT, format, values));
    }

    private static void printErrors(String load, Map<String, Long> errorsByReason) {
        errorsByReason.forEach((reason, count) ->
                System.out.printf(Locale.ROOT, "[errors] %s: %d x %s%n", load, count, reason));
    }

    /**
     * Each step's latency inside the chain, kept only while the measured window is open. Written by
     * the chain's single worker and read after the run (the worker has then been joined).
     */
    private static final class StepLatencies implements DecisionChain.StepTimer, LoadRun.WindowListener {
        private final List<LatencySamples> samples = new ArrayList<>();
        private volatile boolean recording;

        StepLatencies() {
            DecisionChain.POLICIES.forEach(policy -> samples.add(new LatencySamples()));
        }

        @Override
        public void step(int index, long nanos) {
            if (recording) {
                samples.get(index).add(nanos);
            }
        }

        @Override
        public void opened() {
            recording = true;
        }

        @Override
        public void closed() {
            recording = false;
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                parts.add(String.format(Locale.ROOT, "%s %.0f / %.0f µs", DecisionChain.POLICIES.get(i),
                        samples.get(i).percentileMicros(50), samples.get(i).percentileMicros(99)));
            }
            return String.join(", ", parts);
        }
    }
}
