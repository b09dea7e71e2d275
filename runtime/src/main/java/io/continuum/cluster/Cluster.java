package io.continuum.cluster;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Address;
import org.infinispan.util.function.SerializableFunction;
import org.jboss.logging.Logger;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the nodes share, for the features that need it: this node's name and the current members, caches
 * every node sees, and tasks handed to named nodes. One node alone (cluster off) is a cluster of itself:
 * the same caches, local, and tasks run here.
 */
@Startup
@ApplicationScoped
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class);

    private final EmbeddedCacheManager manager;
    private final Duration callTimeout;

    public Cluster(EmbeddedCacheManager manager, ClusterConfig config) {
        this.manager = manager;
        this.callTimeout = config.callTimeout();
    }

    public boolean clustered() {
        return manager.getCacheManagerConfiguration().isClustered();
    }

    /** This node's name (the cluster's, or "local" alone). */
    public String thisNode() {
        return clustered() ? manager.getAddress().toString() : "local";
    }

    /** The nodes in the cluster now, this one included. */
    public List<String> members() {
        return clustered() ? manager.getMembers().stream().map(Address::toString).toList() : List.of(thisNode());
    }

    /** A cache every node holds whole (small, read everywhere): e.g. which node holds a visitor's chat. */
    public <K, V> Cache<K, V> replicatedCache(String name) {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.clustering().cacheMode(clustered() ? CacheMode.REPL_SYNC : CacheMode.LOCAL);
        return cache(name, builder);
    }

    /**
     * A cache spread over the nodes, each entry on two of them (it survives one node's death), forgotten
     * {@code forgetAfter} its last write, at most {@code maxEntries} per node: e.g. rate-limit buckets.
     */
    public <K, V> Cache<K, V> distributedCache(String name, Duration forgetAfter, long maxEntries) {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.clustering().cacheMode(clustered() ? CacheMode.DIST_SYNC : CacheMode.LOCAL).hash().numOwners(2);
        builder.expiration().lifespan(forgetAfter.toMillis(), TimeUnit.MILLISECONDS);
        builder.memory().maxCount(maxEntries);
        return cache(name, builder);
    }

    private <K, V> Cache<K, V> cache(String name, ConfigurationBuilder builder) {
        if (!manager.cacheExists(name) && manager.getCacheConfiguration(name) == null) {
            manager.defineConfiguration(name, builder.build());
        }
        return manager.getCache(name);
    }

    /**
     * Runs the task on the named node and returns its answer; empty when that node is not a member any more,
     * failed or did not answer within the call timeout (it may or may not have run the task).
     */
    public <R extends Serializable> Optional<R> call(String node, NodeTask<R> task) {
        if (node.equals(thisNode())) {
            return Optional.ofNullable(task.run());
        }
        return Optional.ofNullable(callEach(List.of(node), task).get(node));
    }

    /** Runs the task on every member (this node too) and returns the answers of those that answered in time. */
    public <R extends Serializable> Map<String, R> callEveryNode(NodeTask<R> task) {
        return callEach(members(), task);
    }

    private <R extends Serializable> Map<String, R> callEach(Collection<String> nodes, NodeTask<R> task) {
        Map<String, R> answers = new ConcurrentHashMap<>();
        if (nodes.contains(thisNode())) {
            R answer = task.run();
            if (answer != null) {
                answers.put(thisNode(), answer);
            }
        }
        if (!clustered()) {
            return answers;
        }
        List<Address> targets = manager.getMembers().stream()
                .filter(address -> nodes.contains(address.toString()) && !address.equals(manager.getAddress())).toList();
        if (targets.isEmpty()) {
            return answers;
        }
        try {
            manager.executor().filterTargets(targets).timeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .submitConsumer(new RunOnNode<>(task), (address, answer, failure) -> {
                        if (failure != null) {
                            LOG.warnf("Node %s did not run %s: %s", address, task.getClass().getSimpleName(), failure.toString());
                        } else if (answer != null) {
                            answers.put(address.toString(), answer);
                        }
                    })
                    .get(callTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Not every node answered %s: %s", task.getClass().getSimpleName(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answers;
    }

    /** What travels to the other node: the feature's task, run there without the cache manager. */
    private record RunOnNode<R extends Serializable>(NodeTask<R> task) implements SerializableFunction<EmbeddedCacheManager, R> {

        @Override
        public R apply(EmbeddedCacheManager node) {
            return task.run();
        }
    }
}
