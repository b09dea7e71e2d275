package io.continuum.channels.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.abuse.AnonymousTrafficLimiter;
import io.continuum.abuse.RateLimits;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.webchat.VisitorMessage;
import io.continuum.connectors.webchat.WebChatAdapter;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Message;
import io.continuum.csat.CsatSurveys;
import io.continuum.delivery.OutboundDelivery;
import io.continuum.identity.IdentityService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The web chat socket the widget talks to. Frames are JSON objects with a {@code type}:
 * visitor → {@code hello} (visitorId, name?, email?, userId?, userHash? or userJwt?), {@code message} (clientMessageId, content),
 * {@code rating} (token, score, comment?: the answer to a survey), {@code typing}, {@code ping}; server → {@code welcome}
 * (online, notice, conversationId, history), {@code ack}, {@code message} (a reply, a survey with {@code survey}),
 * {@code rated} (outcome), {@code typing}, {@code error}.
 */
@WebSocket(path = "/ws/chat")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final int HISTORY = 100;

    private final ChatSessions sessions;
    private final WebChatAdapter adapter;
    private final InboundSink inbox;
    private final OutboundDelivery deliveries;
    private final WebChatConfig config;
    private final HostSiteIdentity hostSite;
    private final RateLimits limits;
    private final IdentityService identity;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final CsatSurveys surveys;
    private final ObjectMapper json;
    private final Clock clock;

    ChatSocket(ChatSessions sessions, WebChatAdapter adapter, InboundSink inbox, OutboundDelivery deliveries, WebChatConfig config,
               HostSiteIdentity hostSite, RateLimits limits, IdentityService identity, Conversations conversations,
               ConversationTimeline timeline, CsatSurveys surveys, ObjectMapper json, Clock clock) {
        this.timeline = timeline;
        this.surveys = surveys;
        this.sessions = sessions;
        this.hostSite = hostSite;
        this.limits = limits;
        this.identity = identity;
        this.conversations = conversations;
        this.adapter = adapter;
        this.inbox = inbox;
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
            case "rating" -> rating(frame, visitor, connection);
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
        String email = frame.path("email").asText(null);
        ChatSessions.Visitor visitor = sessions.joined(connection, visitorId, frame.path("name").asText(null), email);
        visitor.address = connection.handshakeRequest().header(AnonymousTrafficLimiter.CLIENT_ADDRESS_HEADER);
        hostSite.verify(frame.path("userId").asText(null), email, frame.path("userHash").asText(null),
                        frame.path("userJwt").asText(null))
                .ifPresent(signed -> sessions.signedIn(visitor, signed));
        boolean open = config.isOpen(clock.instant());
        // only an address the host site signed receives e-mail; anyone can type someone else's
        String notice = open ? null : visitor.emailVerified
                ? "We are away right now. Leave your message: we will answer by e-mail."
                : "We are away right now. Leave your message: we will answer here when you are back.";
        Optional<UUID> customerId = QuarkusTransaction.requiringNew().call(() -> identity.customerOfDevice(visitorId));
        ChatFrame.Welcome welcome = customerId.flatMap(customer -> QuarkusTransaction.requiringNew().call(() ->
                        latestConversationOfDevice(customer, visitorId).map(conversation ->
                                new ChatFrame.Welcome(open, notice, conversation.conversation().id,
                                        history(conversation.messages())))))
                .orElseGet(() -> new ChatFrame.Welcome(open, notice, null, List.of()));
        send(connection, welcome);
        // replies that waited for this visitor now go out over this socket
        customerId.ifPresent(deliveries::visitorReturned);
    }

    private record ConversationWithMessages(Conversation conversation, List<Message> messages) {
    }

    /**
     * The newest conversation this device wrote in. Its customer's other conversations (e-mail,
     * other devices) are not shown to whoever holds the device: only a person who checked merges them.
     */
    private Optional<ConversationWithMessages> latestConversationOfDevice(UUID customerId, String visitorId) {
        String fromThisDevice = WebChatAdapter.externalIdPrefix(visitorId);
        for (Conversation conversation : conversations.list(new Conversations.ListFilter(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(customerId)), Optional.empty(), HISTORY)) {
            List<Message> messages = timeline.messagesOf(conversation.id);
            boolean deviceWroteHere = messages.stream().anyMatch(message -> message.externalId != null
                    && message.externalId.startsWith(fromThisDevice));
            if (deviceWroteHere) {
                return Optional.of(new ConversationWithMessages(conversation, messages));
            }
        }
        return Optional.empty();
    }

    private static List<ChatFrame.HistoryItem> history(List<Message> messages) {
        return messages.subList(Math.max(0, messages.size() - HISTORY), messages.size()).stream()
                .map(message -> new ChatFrame.HistoryItem(message.id, message.direction, message.channel, message.content,
                        message.createdAt.toString())).toList();
    }

    private void message(JsonNode frame, ChatSessions.Visitor visitor, WebSocketConnection connection) {
        sessions.active(visitor);
        String clientMessageId = frame.path("clientMessageId").asText(null);
        // every message runs embeddings, decision tables and a process: an anonymous source gets its share
        Optional<java.time.Duration> wait = limits.tryTake(RateLimits.Kind.WEBCHAT_MESSAGES_PER_VISITOR, visitor.visitorId)
                .or(() -> limits.tryTake(RateLimits.Kind.WEBCHAT_MESSAGES_PER_ADDRESS, String.valueOf(visitor.address)));
        if (wait.isPresent()) {
            long seconds = RateLimits.retryAfterSeconds(wait.get());
            send(connection, new ChatFrame.Error(clientMessageId, "Too many messages; try again in " + seconds + " s", seconds));
            return;
        }
        if (frame.hasNonNull("email") && !frame.path("email").asText().isBlank()) {
            sessions.typedEmail(visitor, frame.path("email").asText());
        }
        if (frame.hasNonNull("name") && !frame.path("name").asText().isBlank()) {
            visitor.name = frame.path("name").asText();
        }
        VisitorMessage message = new VisitorMessage(visitor.visitorId, clientMessageId, frame.path("content").asText(null),
                visitor.name, visitor.email, visitor.emailVerified, visitor.siteUserId, clock.instant());
        try {
            List<InboundSink.Accepted> accepted = inbox.accept(adapter.normalise(message));
            InboundSink.Accepted result = accepted.get(0);
            send(connection, new ChatFrame.Ack(clientMessageId, result.messageId(), result.conversationId(),
                    result.duplicate()));
        } catch (MalformedPayload bad) {
            send(connection, error(clientMessageId, bad.getMessage()));
        } catch (RuntimeException e) {
            LOG.errorf("Web chat message not stored: %s", e.getClass().getName());
            send(connection, error(clientMessageId, "the message could not be stored; send it again"));
        }
    }

    /** The visitor tapped a score under a survey: the token in the frame names the survey, as a link's would. */
    private void rating(JsonNode frame, ChatSessions.Visitor visitor, WebSocketConnection connection) {
        sessions.active(visitor);
        Optional<java.time.Duration> wait = limits.tryTake(RateLimits.Kind.WEBCHAT_MESSAGES_PER_VISITOR, visitor.visitorId);
        if (wait.isPresent()) {
            long seconds = RateLimits.retryAfterSeconds(wait.get());
            send(connection, new ChatFrame.Error(null, "Too many messages; try again in " + seconds + " s", seconds));
            return;
        }
        int score = frame.path("score").asInt(0);
        String comment = frame.path("comment").asText(null);
        if (score < 1 || score > 5 || (comment != null && comment.length() > CsatSurveys.LONGEST_COMMENT)) {
            send(connection, error(null, "a rating is a score of 1 to 5 and a comment of at most "
                    + CsatSurveys.LONGEST_COMMENT + " characters"));
            return;
        }
        CsatSurveys.Outcome outcome = surveys.answer(frame.path("token").asText(null), score, comment, "web_chat");
        send(connection, new ChatFrame.Rated(outcome.name().toLowerCase()));
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
