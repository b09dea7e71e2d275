package io.continuum.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether this node joins others ({@code continuum.cluster.*}). Off (the default), the shared state lives in
 * local caches of this process and no cluster port is opened; on, the nodes form one Infinispan cluster over
 * JGroups TCP and find each other through the listed members.
 */
@ConfigMapping(prefix = "continuum.cluster")
public interface ClusterConfig {

    /** Join the other nodes; off = one node, local caches, no port. */
    @WithDefault("false")
    boolean enabled();

    /** This node's name in the cluster, unique among the nodes (default: the host name). */
    Optional<String> nodeName();

    /** The address the cluster port listens on: a private network (the nodes trust what arrives there). */
    @WithDefault("127.0.0.1")
    String bindAddress();

    /** The cluster port (TCP). */
    @WithDefault("7800")
    int bindPort();

    /**
     * Where to look for the other nodes, as host:port (e.g. {@code app1:7800,app2:7800}); it may name this node
     * too. A node needs to reach one running member to join; the others learn of it from the cluster.
     */
    Optional<List<String>> members();

    /** How long a call to another node (a chat push, a cancellation) may take before it counts as failed. */
    @WithDefault("PT5S")
    Duration callTimeout();
}
