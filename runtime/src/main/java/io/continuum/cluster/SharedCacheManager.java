package io.continuum.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.infinispan.commons.marshall.JavaSerializationMarshaller;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.PhysicalAddress;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded Infinispan cache manager every shared cache comes from: clustered over JGroups TCP when
 * {@code continuum.cluster.enabled}, local otherwise (same caches, same code, no port).
 */
@ApplicationScoped
public class SharedCacheManager {

    private static final Logger LOG = Logger.getLogger(SharedCacheManager.class);
    static final String CLUSTER_NAME = "continuum";
    /** What may arrive from another node: tasks and cached values are Continuum's records and JDK values. */
    private static final String[] ALLOWED_CLASSES = {"io\\.continuum\\..*", "java\\.lang\\..*", "java\\.util\\..*", "java\\.time\\..*"};

    @Produces
    @Singleton
    EmbeddedCacheManager cacheManager(ClusterConfig config) {
        return start(config);
    }

    void stop(@Disposes EmbeddedCacheManager manager) {
        manager.stop();
    }

    /** Starts a cache manager as configured: the node joins the cluster (or stands alone) before this returns. */
    public static EmbeddedCacheManager start(ClusterConfig config) {
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder();
        global.cacheContainer().name(CLUSTER_NAME);
        global.serialization().marshaller(new JavaSerializationMarshaller()).allowList().addRegexps(ALLOWED_CLASSES);
        if (!config.enabled()) {
            global.nonClusteredDefault();
            return new DefaultCacheManager(global.build(), true);
        }
        String nodeName = config.nodeName().orElseGet(SharedCacheManager::hostName);
        JChannel channel = channel(config, nodeName);
        global.transport().clusterName(CLUSTER_NAME).nodeName(nodeName).transport(new JGroupsTransport(channel));
        DefaultCacheManager manager = new DefaultCacheManager(global.build(), true);
        LOG.infof("Cluster node %s on %s:%d, members %s", nodeName, config.bindAddress(), config.bindPort(), manager.getMembers());
        return manager;
    }

    /**
     * Infinispan's TCP stack with the members list for discovery (TCPPING): no multicast, no table to keep
     * clean after a node is killed. A killed node's closed socket (FD_SOCK2) makes it suspected at once.
     */
    private static JChannel channel(ClusterConfig config, String nodeName) {
        try {
            InetAddress bind = InetAddress.getByName(config.bindAddress());
            List<Protocol> stack = List.of(
                    new TCP().setBindAddress(bind).setBindPort(config.bindPort()).setPortRange(0),
                    new TCPPING().setInitialHosts2(initialHosts(config)).setPortRange(0),
                    new MERGE3().setMinInterval(5_000).setMaxInterval(15_000),
                    new FD_SOCK2(),
                    new FD_ALL3().setTimeout(10_000).setInterval(2_000),
                    new VERIFY_SUSPECT2().setTimeout(1_000),
                    new NAKACK2().useMcastXmit(false),
                    new UNICAST3(),
                    new STABLE(),
                    new GMS().setJoinTimeout(2_000).printLocalAddress(false),
                    new UFC(),
                    new MFC(),
                    new FRAG4());
            JChannel channel = new JChannel(stack);
            channel.name(nodeName);
            return channel;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the cluster transport on " + config.bindAddress() + ":"
                    + config.bindPort(), e);
        }
    }

    private static List<PhysicalAddress> initialHosts(ClusterConfig config) throws UnknownHostException {
        List<PhysicalAddress> hosts = new ArrayList<>();
        for (String member : config.members().orElse(List.of(config.bindAddress() + ":" + config.bindPort()))) {
            int colon = member.lastIndexOf(':');
            String host = colon < 0 ? member : member.substring(0, colon);
            int port = colon < 0 ? config.bindPort() : Integer.parseInt(member.substring(colon + 1).trim());
            hosts.add(new IpAddress(host.trim(), port));
        }
        return hosts;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("no host name: set continuum.cluster.node-name", e);
        }
    }
}
