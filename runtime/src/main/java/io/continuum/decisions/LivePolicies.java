package io.continuum.decisions;

import io.continuum.cluster.Cluster;
import io.continuum.cluster.NodeTask;
import io.continuum.decisions.engine.CompilationResult;
import io.continuum.decisions.engine.CompiledPolicy;
import io.continuum.decisions.engine.PolicyCompiler;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled live version of every policy on this node. A publish swaps one entry atomically and
 * tells the other nodes of the cluster at once; every node also polls the policy table every second,
 * for a node that missed the call, so a version published on one node is live on all of them without
 * a restart.
 */
@ApplicationScoped
public class LivePolicies {

    private static final Logger LOG = Logger.getLogger(LivePolicies.class);

    /** A compiled policy and the version it was compiled from. */
    public record LivePolicy(String name, int version, PolicyKind kind, CompiledPolicy compiled) {
    }

    private final Map<String, LivePolicy> live = new ConcurrentHashMap<>();
    /**
     * One lock per policy: compiling a DRL policy takes seconds, and one lock for all of them made a version
     * published meanwhile wait for it (a node still warming up its policies took seconds to follow a publish).
     */
    private final Map<String, Object> compiling = new ConcurrentHashMap<>();
    private final PolicyCompiler compiler;
    private final Cluster cluster;

    LivePolicies(PolicyCompiler compiler, Cluster cluster) {
        this.compiler = compiler;
        this.cluster = cluster;
    }

    /** The live version, compiled on first use (published versions are compiled without re-analysis). */
    public Optional<LivePolicy> get(String name) {
        LivePolicy loaded = live.get(name);
        if (loaded != null) {
            return Optional.of(loaded);
        }
        synchronized (lockOf(name)) {
            if (!live.containsKey(name)) {
                Optional<Integer> version = QuarkusTransaction.requiringNew().call(() ->
                        Policy.<Policy>findByIdOptional(name).map(policy -> policy.liveVersion));
                version.ifPresent(v -> load(name, v));
            }
        }
        return Optional.ofNullable(live.get(name));
    }

    void put(LivePolicy policy) {
        live.merge(policy.name(), policy, (current, next) -> next);
    }

    /**
     * Asks every node to follow the published versions now instead of at its next poll; in the background,
     * so a slow or unreachable node does not hold up the publish that is already live here.
     */
    void announcePublished() {
        CompletableFuture.runAsync(() -> cluster.callEveryNode(new FollowPublishedVersions())).exceptionally(failure -> {
            LOG.warnf("Could not tell every node of a published version (they pick it up at their next poll): %s",
                    failure.getClass().getName());
            return null;
        });
    }

    /** Runs {@link #followPublishedVersions} on the node that receives it. */
    record FollowPublishedVersions() implements NodeTask<Boolean> {
        @Override
        public Boolean run() {
            Arc.container().instance(LivePolicies.class).get().followPublishedVersions();
            return true;
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void followPublishedVersions() {
        List<Policy> policies = QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>listAll());
        for (Policy policy : policies) {
            LivePolicy current = live.get(policy.name);
            // policies not used on this node yet are compiled when first needed
            if (policy.liveVersion != null && current != null && current.version() != policy.liveVersion) {
                load(policy.name, policy.liveVersion);
            }
        }
    }

    private Object lockOf(String name) {
        return compiling.computeIfAbsent(name, policy -> new Object());
    }

    /** Compiles the stored source of a version and makes it live here. */
    void load(String name, int version) {
        synchronized (lockOf(name)) {
            compileAndPut(name, version);
        }
    }

    private void compileAndPut(String name, int version) {
        PolicyVersion stored = QuarkusTransaction.requiringNew().call(() ->
                PolicyVersion.<PolicyVersion>findById(new PolicyVersion.Key(name, version)));
        Policy policy = QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>findById(name));
        CompilationResult result = compiler.compileValidated(name, policy.policyKind(), stored.source);
        if (!result.succeeded()) {
            LOG.errorf("Live version %d of policy %s does not compile here; keeping the previous one: %s",
                    version, name, result.errors());
            return;
        }
        put(new LivePolicy(name, version, policy.policyKind(), result.policy().orElseThrow()));
        LOG.infof("Policy %s version %d is live on this node", name, version);
    }
}
