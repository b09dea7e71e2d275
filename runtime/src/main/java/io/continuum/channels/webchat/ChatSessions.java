package io.continuum.channels.webchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.cluster.Cluster;
import io.continuum.cluster.NodeTask;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.webchat.WebChatSessions;
import io.quarkus.arc.Arc;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.Cache;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open chat sockets, by visitor. A socket lives on the node that accepted it; a cache every node holds
 * ({@value #HOLDERS}) says which nodes hold a socket of which visitor, so a reply or a typing indicator
 * decided on any node is handed to those nodes, which push it. A visitor is active while their socket is
 * open and they wrote or typed within the idle timeout; otherwise a reply is not pushed (it goes by e-mail,
 * or waits for them).
 */
@ApplicationScoped
public class ChatSessions implements WebChatSessions {

    private static final Logger LOG = Logger.getLogger(ChatSessions.class);
    private static final java.time.Duration TYPING_SHOWS_FOR = java.time.Duration.ofSeconds(6);

    /** One socket's visitor and when they last did something. */
    static final class Visitor {
        final String visitorId;
        final WebSocketConnection connection;
        volatile Instant lastActivity;
        volatile Instant typingAt;
        volatile String name;
        volatile String email;
        /** The host site signed {@link #email} (or {@link #siteUserId}); a typed address is a claim. */
        volatile boolean emailVerified;
        volatile String siteUserId;
        volatile HostSiteIdentity.Signed signed;
        /** The client address the socket came from (for per-address limits). */
        volatile String address;

        Visitor(String visitorId, WebSocketConnection connection, Instant now) {
            this.visitorId = visitorId;
            this.connection = connection;
            this.lastActivity = now;
        }
    }

    static final String HOLDERS = "webchat-socket-holders";

    private final Map<String, Visitor> byConnection = new ConcurrentHashMap<>();
    /** visitor id → the nodes holding one of their sockets */
    private final Cache<String, HashSet<String>> holders;
    private final Cluster cluster;
    private final WebChatConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    ChatSessions(WebChatConfig config, ObjectMapper json, Clock clock, Cluster cluster) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.cluster = cluster;
        this.holders = cluster.replicatedCache(HOLDERS);
    }

    Visitor joined(WebSocketConnection connection, String visitorId, String name, String email) {
        Visitor visitor = new Visitor(visitorId, connection, clock.instant());
        visitor.name = name;
        visitor.email = email;
        byConnection.put(connection.id(), visitor);
        changeHolders(visitorId, nodes -> nodes.add(cluster.thisNode()));
        return visitor;
    }

    /** The host site signed who this visitor is. */
    void signedIn(Visitor visitor, HostSiteIdentity.Signed signed) {
        visitor.signed = signed;
        visitor.siteUserId = signed.userId();
        if (signed.name() != null) {
            visitor.name = signed.name();
        }
        if (signed.email() != null) {
            visitor.email = signed.email();
            visitor.emailVerified = true;
        }
    }

    /** The visitor typed an address: verified only if it is the one the host site signed. */
    void typedEmail(Visitor visitor, String email) {
        visitor.email = email;
        visitor.emailVerified = visitor.signed != null && visitor.signed.email() != null
                && visitor.signed.email().equalsIgnoreCase(email.trim());
    }

    Visitor of(WebSocketConnection connection) {
        return byConnection.get(connection.id());
    }

    void left(WebSocketConnection connection) {
        Visitor visitor = byConnection.remove(connection.id());
        if (visitor != null && byConnection.values().stream().noneMatch(other -> other.visitorId.equals(visitor.visitorId))) {
            changeHolders(visitor.visitorId, nodes -> nodes.remove(cluster.thisNode()));
        }
    }

    /**
     * Changes a visitor's set of holding nodes without losing another node's concurrent change: the set is
     * replaced only if it is still the one read, else read again.
     */
    private void changeHolders(String visitorId, java.util.function.Consumer<Set<String>> change) {
        while (true) {
            HashSet<String> current = holders.get(visitorId);
            HashSet<String> next = current == null ? new HashSet<>() : new HashSet<>(current);
            change.accept(next);
            boolean written;
            if (current == null) {
                written = next.isEmpty() || holders.putIfAbsent(visitorId, next) == null;
            } else if (next.isEmpty()) {
                written = holders.remove(visitorId, current);
            } else {
                written = next.equals(current) || holders.replace(visitorId, current, next);
            }
            if (written) {
                return;
            }
        }
    }

    /** The nodes, other than this one, that hold a socket of one of these visitors and are members now. */
    private Set<String> otherHolders(Collection<String> visitorIds) {
        Set<String> nodes = new TreeSet<>();
        for (String visitorId : visitorIds) {
            HashSet<String> holding = holders.get(visitorId);
            if (holding != null) {
                nodes.addAll(holding);
            }
        }
        nodes.remove(cluster.thisNode());
        nodes.retainAll(cluster.members());
        return nodes;
    }

    boolean connected(String visitorId) {
        return byConnection.values().stream().anyMatch(visitor -> visitor.visitorId.equals(visitorId) && visitor.connection.isOpen());
    }

    void active(Visitor visitor) {
        visitor.lastActivity = clock.instant();
    }

    void typing(Visitor visitor) {
        visitor.typingAt = clock.instant();
        visitor.lastActivity = visitor.typingAt;
    }

    /** Whether one of the visitors typed lately, on whichever node their socket is. */
    boolean anyTyping(Collection<String> visitorIds) {
        if (typingHere(visitorIds)) {
            return true;
        }
        ArrayList<String> ids = new ArrayList<>(visitorIds);
        return otherHolders(visitorIds).stream().anyMatch(node -> cluster.call(node, new AskTyping(ids)).orElse(false));
    }

    /** Not private: {@link AskTyping} calls it through this bean's client proxy. */
    boolean typingHere(Collection<String> visitorIds) {
        Instant since = clock.instant().minus(TYPING_SHOWS_FOR);
        return byConnection.values().stream().anyMatch(visitor -> visitorIds.contains(visitor.visitorId)
                && visitor.typingAt != null && visitor.typingAt.isAfter(since));
    }

    /**
     * Pushes the reply on the visitor's active chats of every node. True only once a node answered that it
     * pushed it: a node that does not answer counts as not having pushed, so the reply falls back as for a
     * visitor who left.
     */
    @Override
    public boolean push(OutboundMessage message) {
        return send(message.to().deviceIds(), new ChatFrame.Message(message.messageId(), message.conversationId(),
                message.content(), clock.instant().toString(), message.survey())) > 0;
    }

    /** Tells the visitor's open chats that someone is writing to them. */
    int agentTyping(List<String> visitorIds) {
        return send(visitorIds, new ChatFrame.Typing("agent"));
    }

    /** @return how many chats, on every node, the frame was pushed on */
    private int send(Collection<String> visitorIds, ChatFrame frame) {
        String text;
        try {
            text = json.writeValueAsString(frame);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("chat frame not serialisable", e);
        }
        int sent = sendHere(visitorIds, text);
        ArrayList<String> ids = new ArrayList<>(visitorIds);
        for (String node : otherHolders(visitorIds)) {
            sent += cluster.call(node, new PushFrame(ids, text)).orElse(0);
        }
        return sent;
    }

    /** A frame for visitors whose socket is on the receiving node. */
    record PushFrame(ArrayList<String> visitorIds, String frame) implements NodeTask<Integer> {
        @Override
        public Integer run() {
            return Arc.container().instance(ChatSessions.class).get().sendHere(visitorIds, frame);
        }
    }

    /** Whether a visitor whose socket is on the receiving node typed lately. */
    record AskTyping(ArrayList<String> visitorIds) implements NodeTask<Boolean> {
        @Override
        public Boolean run() {
            return Arc.container().instance(ChatSessions.class).get().typingHere(visitorIds);
        }
    }

    /** Not private: {@link PushFrame} calls it through this bean's client proxy. */
    int sendHere(Collection<String> visitorIds, String text) {
        Instant activeSince = clock.instant().minus(config.idleTimeout());
        int sent = 0;
        for (Visitor visitor : byConnection.values()) {
            if (!visitorIds.contains(visitor.visitorId) || !visitor.connection.isOpen() || visitor.lastActivity.isBefore(activeSince)) {
                continue;
            }
            try {
                visitor.connection.sendTextAndAwait(text);
                sent++;
            } catch (RuntimeException e) {
                LOG.debugf("Chat socket %s closed while sending: %s", visitor.connection.id(), e.getClass().getSimpleName());
            }
        }
        return sent;
    }
}
