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
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
        List<String> members = config.members().orElse(List.of(config.bindAddress() + ":" + config.bindPort()));
        // Infinispan builds its transport from class names and properties (a channel handed over whole is replaced)
        global.transport().defaultTransport().clusterName(CLUSTER_NAME).nodeName(nodeName)
                .addProperty(JGroupsTransport.CHANNEL_LOOKUP, TcpChannel.class.getName())
                .addProperty(TcpChannel.BIND_ADDRESS, config.bindAddress())
                .addProperty(TcpChannel.BIND_PORT, Integer.toString(config.bindPort()))
                .addProperty(TcpChannel.MEMBERS, String.join(",", members));
        DefaultCacheManager manager = new DefaultCacheManager(global.build(), true);
        LOG.infof("Cluster node %s on %s:%d, members %s", nodeName, config.bindAddress(), config.bindPort(), manager.getMembers());
        return manager;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("no host name: set continuum.cluster.node-name", e);
        }
    }
}
