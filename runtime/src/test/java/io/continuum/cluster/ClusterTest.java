package io.continuum.cluster;

import io.continuum.support.ClusterNodes;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real nodes over JGroups on loopback: they see each other, share caches and run each other's tasks. */
class ClusterTest {

    private static ClusterNodes nodes;
    /** How often each {@link Count} task ran, written by the task itself where it runs. */
    private static final Map<String, Integer> RUNS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        long started = System.nanoTime();
        nodes = new ClusterNodes(2);
        System.out.printf("[figures] two-node cluster formed in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void eachNodeSeesBothMembersByName() {
        assertThat(nodes.node(0).clustered()).isTrue();
        assertThat(nodes.node(0).members()).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(nodes.node(1).members()).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(nodes.node(1).thisNode()).isEqualTo("node-b");
    }

    @Test
    void aNodeContactsOnlyTheMembersItIsGiven() throws Exception {
        // same cluster name, same machine: multicast discovery would have joined it to the two others
        try (ClusterNodes elsewhere = new ClusterNodes(1)) {
            assertThat(elsewhere.node(0).members()).hasSize(1);
            assertThat(nodes.node(0).members()).hasSize(2);
        }
    }

    @Test
    void aReplicatedSetChangedOnOneNodeIsReplacedConditionallyOnTheOther() {
        Cache<String, HashSet<String>> onA = nodes.node(0).replicatedCache("test-sets");
        Cache<String, HashSet<String>> onB = nodes.node(1).replicatedCache("test-sets");
        onA.put("visitor", new HashSet<>(Set.of("node-a")));

        assertThat(onB.get("visitor")).containsExactly("node-a");
        assertThat(onB.replace("visitor", new HashSet<>(Set.of("node-a")), new HashSet<>(Set.of("node-a", "node-b"))))
                .as("a set read on another node still equals the stored one").isTrue();
        assertThat(onB.replace("visitor", new HashSet<>(Set.of("node-a")), new HashSet<>(Set.of("node-b"))))
                .as("a stale set does not replace a newer one").isFalse();
        assertThat(onA.get("visitor")).containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    void aTaskHandedToTheOtherNodeRunsThereOnceAndAnswers() {
        String marker = "task-" + System.nanoTime();

        assertThat(nodes.node(0).call("node-b", new Count(marker))).contains(1);
        assertThat(RUNS).containsEntry(marker, 1);
        assertThat(nodes.node(0).callEveryNode(new Count(marker + "-everywhere"))).containsOnlyKeys("node-a", "node-b");
        assertThat(RUNS).containsEntry(marker + "-everywhere", 2);
        assertThat(nodes.node(0).call("node-gone", new Count(marker + "-gone"))).isEmpty();
        assertThat(RUNS).doesNotContainKey(marker + "-gone");
    }

    /** Counts its runs (both nodes live in this JVM, so one count tells how often it ran in all) and answers the count. */
    record Count(String marker) implements NodeTask<Integer> {
        @Override
        public Integer run() {
            return RUNS.merge(marker, 1, Integer::sum);
        }
    }

    @Test
    void switchedOffANodeStandsAloneWithLocalCachesAndNoTransport() {
        EmbeddedCacheManager manager = SharedCacheManager.start(ClusterNodes.alone());
        try {
            Cluster alone = new Cluster(manager, ClusterNodes.alone());
            assertThat(manager.getAddress()).as("no cluster address, no port").isNull();
            assertThat(alone.clustered()).isFalse();
            assertThat(alone.members()).containsExactly("local");
            assertThat(alone.replicatedCache("test-local").getCacheConfiguration().clustering().cacheMode().isClustered()).isFalse();
            String marker = "alone-" + System.nanoTime();
            assertThat(alone.callEveryNode(new Count(marker))).containsOnlyKeys("local");
            assertThat(RUNS).containsEntry(marker, 1);
        } finally {
            manager.stop();
        }
    }
}
