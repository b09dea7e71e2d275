package io.continuum.decisions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.cluster.Cluster;
import io.continuum.cluster.NodeTask;
import io.continuum.decisions.engine.CompilationResult;
import io.continuum.decisions.engine.CompiledPolicy;
import io.continuum.decisions.engine.Evaluation;
import io.continuum.decisions.engine.PolicyCompiler;
import io.continuum.decisions.engine.PolicyEvaluationException;
import io.continuum.problem.ProblemException;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What-if: replays the stored inputs of recent decisions of a policy through another version
 * and reports how many outcomes change, per output and per transition (e.g. severity P2 → P1),
 * how often each outcome would come out, and how often each row or rule would fire and on which conversations,
 * with examples linking to conversations. A policy
 * that decides about the present state of things ({@link PresentCases}) is tried on its cases as
 * they stand now instead, against what its live version decides about them. Runs in the background
 * on the node that started it, with progress; cancellable from any node.
 */
@ApplicationScoped
public class Simulations {

    private static final Logger LOG = Logger.getLogger(Simulations.class);
    private static final int BATCH = 500;
    private static final int MAX_EXAMPLES = 20;
    /** The report as the simulation's JSON column holds it. */
    private static final TypeReference<Map<String, Object>> REPORT = new TypeReference<>() {
    };

    private final PolicyStore store;
    private final LivePolicies livePolicies;
    private final Instance<PresentCases> presentCases;
    private final PolicyCompiler compiler;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final int defaultLimit;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "policy-simulation"));
    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();
    private final Cluster cluster;

    Simulations(PolicyStore store, LivePolicies livePolicies, @Any Instance<PresentCases> presentCases,
                PolicyCompiler compiler, ObjectMapper objectMapper, Clock clock, Cluster cluster,
                @ConfigProperty(name = "continuum.decisions.simulation-default-limit", defaultValue = "10000") int defaultLimit) {
        this.cluster = cluster;
        this.store = store;
        this.livePolicies = livePolicies;
        this.presentCases = presentCases;
        this.compiler = compiler;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.defaultLimit = defaultLimit;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    public PolicySimulation start(String policyName, int version, Optional<Instant> since, Optional<Integer> limit,
                                  String user) {
        Policy policy = store.requirePolicy(policyName);
        PolicyVersion candidate = store.requireVersion(policyName, version);
        CompilationResult compiled = compiler.compile(policyName, policy.policyKind(), candidate.source);
        if (!compiled.succeeded()) {
            throw PolicyStore.invalid(policyName, compiled.messages());
        }
        int sample = limit.filter(l -> l > 0).map(l -> Math.min(l, 1_000_000)).orElse(defaultLimit);
        PolicySimulation simulation = QuarkusTransaction.requiringNew().call(() -> {
            PolicySimulation created = new PolicySimulation();
            created.id = UUID.randomUUID();
            created.policyName = policyName;
            created.policyVersion = version;
            created.status = "running";
            created.since = since.orElse(null);
            created.sampleLimit = sample;
            created.report = Map.of();
            created.startedBy = user;
            created.startedAt = clock.instant();
            created.persist();
            return created;
        });
        runningHere.add(simulation.id);
        runner.execute(() -> run(simulation.id, compiled.policy().orElseThrow()));
        return simulation;
    }

    /** Waits up to {@code wait} for the simulation to finish and returns its current state. */
    public PolicySimulation await(UUID id, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        PolicySimulation current = require(id);
        while ("running".equals(current.status) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = require(id);
        }
        return current;
    }

    public PolicySimulation require(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> PolicySimulation.<PolicySimulation>findByIdOptional(id))
                .orElseThrow(() -> ProblemException.notFound("Simulation", id));
    }

    public PolicySimulation cancel(UUID id) {
        PolicySimulation simulation = require(id);
        if (!"running".equals(simulation.status)) {
            throw ProblemException.conflict("simulation-finished", "Simulation " + id + " is already " + simulation.status);
        }
        boolean running = cluster.callEveryNode(new CancelSimulation(id)).containsValue(true);
        if (!running) {
            // no node runs it any more (the one that did stopped): nothing will ever finish it
            QuarkusTransaction.requiringNew().run(() -> PolicySimulation.update(
                    "status = 'cancelled', finishedAt = ?1 where id = ?2 and status = 'running'", clock.instant(), id));
        }
        return await(id, Duration.ofSeconds(5));
    }

    /** Asks the node that runs the simulation to stop it; every node is asked, the one running it answers true. */
    record CancelSimulation(UUID id) implements NodeTask<Boolean> {
        @Override
        public Boolean run() {
            return Arc.container().instance(Simulations.class).get().cancelHere(id);
        }
    }

    /** Not private: {@link CancelSimulation} calls it through this bean's client proxy. */
    boolean cancelHere(UUID id) {
        if (!runningHere.contains(id)) {
            return false;
        }
        cancelled.add(id);
        return true;
    }

    private void run(UUID id, CompiledPolicy candidate) {
        try {
            replayAll(id, candidate);
        } finally {
            runningHere.remove(id);
            cancelled.remove(id);
        }
    }

    private void replayAll(UUID id, CompiledPolicy candidate) {
        PolicySimulation settings = require(id);
        Tally tally = new Tally();
        Optional<PresentCases> present = presentCases.stream()
                .filter(cases -> cases.policy().equals(settings.policyName)).findFirst();
        try {
            if (present.isPresent()) {
                runOnPresentCases(id, settings, candidate, present.get(), tally);
                return;
            }
            List<UUID> sampleIds = QuarkusTransaction.requiringNew().call(() -> sampleIds(settings));
            update(id, s -> s.total = sampleIds.size());
            for (int from = 0; from < sampleIds.size(); from += BATCH) {
                if (cancelled.remove(id)) {
                    finish(id, "cancelled", tally);
                    return;
                }
                List<UUID> batch = sampleIds.subList(from, Math.min(from + BATCH, sampleIds.size()));
                List<DecisionRecord> records = QuarkusTransaction.requiringNew().call(() ->
                        DecisionRecord.<DecisionRecord>list("id in ?1", batch));
                for (DecisionRecord record : records) {
                    if (record.inputsErased) {
                        tally.skipErased();
                    } else {
                        tally.compare(record, replay(candidate, record.inputs));
                    }
                }
                update(id, s -> {
                    s.processed = tally.processed;
                    s.changed = tally.changed;
                });
            }
            finish(id, "completed", tally);
        } catch (RuntimeException e) {
            LOG.errorf("Simulation %s failed: %s", id, e.getClass().getName());
            finish(id, "failed", tally);
        }
    }

    /** Each case as it stands now, decided by the live version (before) and by the candidate (after). */
    private void runOnPresentCases(UUID id, PolicySimulation settings, CompiledPolicy candidate, PresentCases cases,
                                   Tally tally) {
        CompiledPolicy live = livePolicies.get(settings.policyName)
                .orElseThrow(() -> ProblemException.notFound("Live policy", settings.policyName)).compiled();
        long total = QuarkusTransaction.requiringNew().call(cases::count);
        update(id, s -> s.total = (int) Math.min(total, settings.sampleLimit));
        Optional<UUID> after = Optional.empty();
        while (tally.processed < settings.sampleLimit) {
            if (cancelled.remove(id)) {
                finish(id, "cancelled", tally);
                return;
            }
            Optional<UUID> cursor = after;
            int size = Math.min(BATCH, settings.sampleLimit - tally.processed);
            List<PresentCases.Case> page = QuarkusTransaction.requiringNew().call(() -> cases.page(cursor, size));
            for (PresentCases.Case current : page) {
                Optional<Replayed> before = replay(live, current.inputs());
                DecisionRecord asDecidedNow = new DecisionRecord();
                asDecidedNow.conversationId = current.conversationId();
                asDecidedNow.inputs = current.inputs();
                asDecidedNow.outputs = before.map(Replayed::outputs).orElse(Map.of());
                tally.compare(asDecidedNow, before.isEmpty() ? Optional.empty() : replay(candidate, current.inputs()));
            }
            update(id, s -> {
                s.processed = tally.processed;
                s.changed = tally.changed;
            });
            if (page.size() < size) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).conversationId());
        }
        finish(id, "completed", tally);
    }

    private Optional<Replayed> replay(CompiledPolicy candidate, Map<String, Object> inputs) {
        try {
            Evaluation evaluation = candidate.evaluate(inputs);
            return Optional.of(new Replayed(objectMapper.convertValue(evaluation.outputs(), REPORT), evaluation.fired()));
        } catch (PolicyEvaluationException e) {
            return Optional.empty();
        }
    }

    /** What a version decided on one case: its outputs and the rows or rules that fired. */
    private record Replayed(Map<String, Object> outputs, List<Evaluation.FiredRule> fired) {
    }

    private static List<UUID> sampleIds(PolicySimulation settings) {
        String query = settings.since == null
                ? "select d.id from DecisionRecord d where d.policyName = ?1 order by d.evaluatedAt desc"
                : "select d.id from DecisionRecord d where d.policyName = ?1 and d.evaluatedAt >= ?2 order by d.evaluatedAt desc";
        var typed = DecisionRecord.getEntityManager().createQuery(query, UUID.class).setParameter(1, settings.policyName);
        if (settings.since != null) {
            typed.setParameter(2, settings.since);
        }
        return typed.setMaxResults(settings.sampleLimit).getResultList();
    }

    private void update(UUID id, java.util.function.Consumer<PolicySimulation> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(PolicySimulation.findById(id)));
    }

    private void finish(UUID id, String status, Tally tally) {
        update(id, s -> {
            s.status = status;
            s.processed = tally.processed;
            s.changed = tally.changed;
            s.report = objectMapper.convertValue(tally.report(), REPORT);
            s.finishedAt = clock.instant();
        });
    }

    /**
     * What a simulation found, as its report shows it; {@code erased} decisions were not replayed: their
     * customer was erased, and their inputs with them.
     */
    record Report(int replayed, int changed, int unchanged, int couldNotEvaluate, int erased,
                  Map<String, OutputChanges> byOutput, Map<String, Map<String, Integer>> outcomes,
                  Map<String, RowFirings> rows, List<Example> examples) {
    }

    /**
     * How often the candidate fired one row or rule, and on which conversations (the first few): for a COLLECT
     * table (automations) this is what each row would have done.
     */
    record RowFirings(int fired, List<UUID> conversations) {
    }

    /** How often one output changed, by transition ("P2 → P1"). */
    record OutputChanges(int changed, Map<String, Integer> transitions) {
    }

    /**
     * A logged decision whose outputs the candidate changes. Its inputs are not copied into the report, which is
     * stored in clear: {@link #reportOf} reads them from the decision log, opened, when the report is shown.
     */
    record Example(UUID decisionId, UUID conversationId, Map<String, Object> before, Map<String, Object> after) {
    }

    /** The report of a simulation with each example's inputs as the decision log holds them now (empty once erased). */
    public Map<String, Object> reportOf(PolicySimulation simulation) {
        Object examples = simulation.report.get("examples");
        if (!(examples instanceof List<?> stored) || stored.isEmpty()) {
            return simulation.report;
        }
        Map<String, Object> report = new LinkedHashMap<>(simulation.report);
        report.put("examples", QuarkusTransaction.requiringNew().call(() -> stored.stream().map(example -> {
            Map<String, Object> shown = new LinkedHashMap<>(objectMapper.convertValue(example, REPORT));
            if (shown.get("decisionId") == null) {
                // a present case (retention): decided now, never logged, so there are no stored inputs to show
                return shown;
            }
            Optional<DecisionRecord> decision = DecisionRecord.findByIdOptional(UUID.fromString(String.valueOf(shown.get("decisionId"))));
            shown.put("inputs", decision.map(record -> record.inputs).orElseGet(Map::of));
            shown.put("inputsErased", decision.map(record -> record.inputsErased).orElse(true));
            return shown;
        }).toList()));
        return report;
    }

    /** Counts of changed outcomes, per output and transition, with a few examples. */
    private static final class Tally {
        int processed;
        int changed;
        int failed;
        int erased;
        final Map<String, Map<String, Integer>> byOutput = new TreeMap<>();
        /** How often the candidate decides each value of each output (e.g. retention-policy erase-customer: 1). */
        final Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        final List<Example> examples = new ArrayList<>();
        /** Per row or rule id of the candidate: how often it fired, and the first conversations it fired on. */
        final Map<String, Integer> rowFirings = new TreeMap<>();
        final Map<String, Set<UUID>> rowConversations = new TreeMap<>();

        void skipErased() {
            processed++;
            erased++;
        }

        void compare(DecisionRecord record, Optional<Replayed> replayed) {
            processed++;
            if (replayed.isEmpty()) {
                failed++;
                return;
            }
            for (Evaluation.FiredRule row : replayed.get().fired()) {
                rowFirings.merge(row.id(), 1, Integer::sum);
                Set<UUID> on = rowConversations.computeIfAbsent(row.id(), k -> new java.util.LinkedHashSet<>());
                if (record.conversationId != null && on.size() < MAX_EXAMPLES) {
                    on.add(record.conversationId);
                }
            }
            Map<String, String> before = flatten(record.outputs);
            Map<String, String> after = flatten(replayed.get().outputs());
            after.forEach((output, value) -> outcomes.computeIfAbsent(output, k -> new TreeMap<>()).merge(value, 1, Integer::sum));
            boolean differs = false;
            for (String key : union(before, after)) {
                Object was = before.get(key);
                Object now = after.get(key);
                if (!Objects.equals(String.valueOf(was), String.valueOf(now))) {
                    differs = true;
                    byOutput.computeIfAbsent(key, k -> new TreeMap<>()).merge(was + " → " + now, 1, Integer::sum);
                }
            }
            if (differs) {
                changed++;
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(new Example(record.id, record.conversationId, record.outputs, replayed.get().outputs()));
                }
            }
        }

        Report report() {
            Map<String, OutputChanges> outputs = new LinkedHashMap<>();
            byOutput.forEach((output, transitions) -> outputs.put(output, new OutputChanges(
                    transitions.values().stream().mapToInt(Integer::intValue).sum(), transitions)));
            Map<String, RowFirings> rows = new LinkedHashMap<>();
            rowFirings.forEach((row, fired) -> rows.put(row, new RowFirings(fired, List.copyOf(rowConversations.get(row)))));
            return new Report(processed - erased, changed, processed - changed - failed - erased, failed, erased,
                    outputs, outcomes, rows, examples);
        }

        /** Nested outputs (a decision's context, e.g. routing.queue) compared field by field, as text. */
        private static Map<String, String> flatten(Map<String, Object> outputs) {
            Map<String, String> flat = new LinkedHashMap<>();
            outputs.forEach((key, value) -> {
                if (value instanceof Map<?, ?> nested) {
                    nested.forEach((field, inner) -> flat.put(key + "." + field, String.valueOf(inner)));
                } else {
                    flat.put(key, String.valueOf(value));
                }
            });
            return flat;
        }

        private static Set<String> union(Map<String, String> a, Map<String, String> b) {
            Set<String> keys = new java.util.TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            return keys;
        }
    }
}
