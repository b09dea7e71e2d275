package io.continuum.cluster;

import org.infinispan.remoting.transport.jgroups.JGroupsChannelLookup;
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

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The JGroups channel the nodes talk over: Infinispan's TCP stack with the members list for discovery
 * (TCPPING) instead of multicast, so nothing but the listed hosts is ever contacted. A killed node's closed
 * socket (FD_SOCK2) gets it suspected at once, confirmed within a second. Infinispan instantiates this class
 * by name and hands it the transport's properties.
 */
public class TcpChannel implements JGroupsChannelLookup {

    static final String BIND_ADDRESS = "continuum.bind-address";
    static final String BIND_PORT = "continuum.bind-port";
    static final String MEMBERS = "continuum.members";

    @Override
    public JChannel getJGroupsChannel(Properties properties) {
        String address = properties.getProperty(BIND_ADDRESS);
        int port = Integer.parseInt(properties.getProperty(BIND_PORT));
        try {
            return new JChannel(
                    new TCP().setBindAddress(InetAddress.getByName(address)).setBindPort(port).setPortRange(0),
                    new TCPPING().setInitialHosts2(members(properties.getProperty(MEMBERS), port)).setPortRange(0),
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
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the cluster transport on " + address + ":" + port, e);
        }
    }

    private static List<PhysicalAddress> members(String list, int defaultPort) throws Exception {
        List<PhysicalAddress> hosts = new ArrayList<>();
        for (String member : list.split(",")) {
            String trimmed = member.trim();
            int colon = trimmed.lastIndexOf(':');
            String host = colon < 0 ? trimmed : trimmed.substring(0, colon);
            int port = colon < 0 ? defaultPort : Integer.parseInt(trimmed.substring(colon + 1));
            hosts.add(new IpAddress(host, port));
        }
        return hosts;
    }

    @Override
    public boolean shouldConnect() {
        return true;
    }

    @Override
    public boolean shouldDisconnect() {
        return true;
    }

    @Override
    public boolean shouldClose() {
        return true;
    }
}
