package io.continuum.support;

import io.continuum.cluster.Cluster;
import io.continuum.cluster.ClusterConfig;
import io.continuum.cluster.SharedCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * Real cluster nodes in the test's JVM: one Infinispan cache manager per node, each with its own JGroups TCP
 * port on loopback, found through the members list as the app's nodes are. What travels between them is
 * marshalled and sent over TCP exactly as between processes.
 */
public final class ClusterNodes implements AutoCloseable {

    private final List<EmbeddedCacheManager> managers = new ArrayList<>();
    private final List<Cluster> nodes = new ArrayList<>();

    /** Starts {@code count} nodes and waits until each sees all of them. */
    public ClusterNodes(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (ServerSocket free = new ServerSocket(0)) {
                ports.add(free.getLocalPort());
            }
        }
        List<String> members = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        for (int i = 0; i < count; i++) {
            ClusterConfig config = new NodeConfig(true, Optional.of("node-" + (char) ('a' + i)), ports.get(i), Optional.of(members));
            EmbeddedCacheManager manager = SharedCacheManager.start(config);
            managers.add(manager);
            nodes.add(new Cluster(manager, config));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.stream().allMatch(node -> node.members().size() == count));
    }

    public Cluster node(int index) {
        return nodes.get(index);
    }

    @Override
    public void close() {
        managers.forEach(EmbeddedCacheManager::stop);
    }

    /** A node's settings: the record's components are the settings of the same name. */
    private record NodeConfig(boolean enabled, Optional<String> nodeName, int bindPort, Optional<List<String>> members)
            implements ClusterConfig {

        @Override
        public String bindAddress() {
            return "127.0.0.1";
        }

        @Override
        public Duration callTimeout() {
            return Duration.ofSeconds(5);
        }
    }

    /** The settings of a node left alone: cluster off. */
    public static ClusterConfig alone() {
        return new NodeConfig(false, Optional.empty(), 7800, Optional.empty());
    }
}
