package io.continuum.channels.webchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.webchat.WebChatSessions;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open chat sockets of this node, by visitor. A visitor is active while their socket is open
 * and they wrote or typed within the idle timeout; otherwise a reply is not pushed here (it goes
 * by e-mail, or waits for them).
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

    private final Map<String, Visitor> byConnection = new ConcurrentHashMap<>();
    private final WebChatConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    ChatSessions(WebChatConfig config, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    Visitor joined(WebSocketConnection connection, String visitorId, String name, String email) {
        Visitor visitor = new Visitor(visitorId, connection, clock.instant());
        visitor.name = name;
        visitor.email = email;
        byConnection.put(connection.id(), visitor);
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
        byConnection.remove(connection.id());
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

    boolean anyTyping(Collection<String> visitorIds) {
        Instant since = clock.instant().minus(TYPING_SHOWS_FOR);
        return byConnection.values().stream().anyMatch(visitor -> visitorIds.contains(visitor.visitorId)
                && visitor.typingAt != null && visitor.typingAt.isAfter(since));
    }

    @Override
    public boolean push(OutboundMessage message) {
        return send(message.to().deviceIds(), new ChatFrame.Message(message.messageId(), message.conversationId(),
                message.content(), clock.instant().toString())) > 0;
    }

    /** Tells the visitor's open chats that someone is writing to them. */
    int agentTyping(List<String> visitorIds) {
        return send(visitorIds, new ChatFrame.Typing("agent"));
    }

    private int send(Collection<String> visitorIds, ChatFrame frame) {
        Instant activeSince = clock.instant().minus(config.idleTimeout());
        String text;
        try {
            text = json.writeValueAsString(frame);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("chat frame not serialisable", e);
        }
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
