package io.continuum.channels.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.webchat.VisitorMessage;
import io.continuum.connectors.webchat.WebChatInboundRoute;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.delivery.OutboundDelivery;
import io.continuum.identity.IdentityService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The web chat socket the widget talks to. Frames are JSON objects with a {@code type}:
 * visitor → {@code hello} (visitorId, name?, email?), {@code message} (clientMessageId, content),
 * {@code typing}, {@code ping}; server → {@code welcome} (online, notice, conversationId, history),
 * {@code ack}, {@code message} (a reply), {@code typing}, {@code error}.
 */
@WebSocket(path = "/ws/chat")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final int HISTORY = 100;

    private final ChatSessions sessions;
    private final ProducerTemplate producer;
    private final OutboundDelivery deliveries;
    private final WebChatConfig config;
    private final ObjectMapper json;
    private final IdentityService identity;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final Clock clock;

    ChatSocket(ChatSessions sessions, ProducerTemplate producer, OutboundDelivery deliveries, WebChatConfig config,
               ObjectMapper json, IdentityService identity, Conversations conversations, ConversationTimeline timeline,
               Clock clock) {
        this.identity = identity;
        this.conversations = conversations;
        this.timeline = timeline;
        this.sessions = sessions;
        this.producer = producer;
        this.deliveries = deliveries;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @OnTextMessage
    @Blocking
    public void onFrame(String text, WebSocketConnection connection) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JsonProcessingException e) {
            send(connection, error(null, "frames must be JSON objects"));
            return;
        }
        String type = frame.path("type").asText("");
        ChatSessions.Visitor visitor = sessions.of(connection);
        if (!"hello".equals(type) && visitor == null) {
            send(connection, error(null, "say hello with your visitorId first"));
            return;
        }
        switch (type) {
            case "hello" -> hello(frame, connection);
            case "message" -> message(frame, visitor, connection);
            case "typing" -> sessions.typing(visitor);
            case "ping" -> send(connection, new ChatFrame.Pong());
            default -> send(connection, error(null, "unknown frame type"));
        }
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        sessions.left(connection);
    }

    private void hello(JsonNode frame, WebSocketConnection connection) {
        String visitorId = frame.path("visitorId").asText(null);
        if (visitorId == null || !visitorId.matches("[A-Za-z0-9_-]{8,64}")) {
            send(connection, error(null, "visitorId must be 8 to 64 letters, digits, '-' or '_'"));
            return;
        }
        sessions.joined(connection, visitorId, frame.path("name").asText(null), frame.path("email").asText(null));
        boolean open = config.isOpen(clock.instant());
        String notice = open ? null
                : "We are away right now. Leave your message and your e-mail address: we will answer by e-mail.";
        Optional<UUID> customerId = QuarkusTransaction.requiringNew().call(() -> identity.customerOfDevice(visitorId));
        ChatFrame.Welcome welcome = customerId.flatMap(customer -> QuarkusTransaction.requiringNew().call(() ->
                        conversations.latestOfCustomer(customer).map(conversation ->
                                new ChatFrame.Welcome(open, notice, conversation.id, history(conversation.id)))))
                .orElseGet(() -> new ChatFrame.Welcome(open, notice, null, List.of()));
        send(connection, welcome);
        // replies that waited for this visitor now go out over this socket
        customerId.ifPresent(deliveries::visitorReturned);
    }

    private List<ChatFrame.HistoryItem> history(UUID conversationId) {
        return timeline.latestMessagesOf(conversationId, HISTORY).stream().map(message -> new ChatFrame.HistoryItem(
                message.id, message.direction, message.channel, message.content, message.createdAt.toString())).toList();
    }

    private void message(JsonNode frame, ChatSessions.Visitor visitor, WebSocketConnection connection) {
        sessions.active(visitor);
        String clientMessageId = frame.path("clientMessageId").asText(null);
        if (frame.hasNonNull("email") && !frame.path("email").asText().isBlank()) {
            visitor.email = frame.path("email").asText();
        }
        if (frame.hasNonNull("name") && !frame.path("name").asText().isBlank()) {
            visitor.name = frame.path("name").asText();
        }
        VisitorMessage message = new VisitorMessage(visitor.visitorId, clientMessageId, frame.path("content").asText(null),
                visitor.name, visitor.email, clock.instant());
        try {
            @SuppressWarnings("unchecked")
            List<InboundSink.Accepted> accepted = producer.requestBody(WebChatInboundRoute.ENDPOINT, message, List.class);
            InboundSink.Accepted result = accepted.get(0);
            send(connection, new ChatFrame.Ack(clientMessageId, result.messageId(), result.conversationId(),
                    result.duplicate()));
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof MalformedPayload bad ? bad.getMessage()
                    : "the message could not be stored; send it again";
            if (!(cause instanceof MalformedPayload)) {
                LOG.errorf("Web chat message not stored: %s", cause == null ? e.getClass().getName() : cause.getClass().getName());
            }
            send(connection, error(clientMessageId, reason));
        }
    }

    private static ChatFrame error(String clientMessageId, String reason) {
        return new ChatFrame.Error(clientMessageId, reason);
    }

    private void send(WebSocketConnection connection, ChatFrame frame) {
        try {
            connection.sendTextAndAwait(json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chat frame not serialisable", e);
        }
    }
}
