package io.continuum.channels.webchat;

import io.continuum.conversation.Conversations;
import io.continuum.identity.IdentifierKind;
import io.continuum.identity.IdentityService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Typing indicators for a conversation's web chat visitor, by the conversation's customer. */
@ApplicationScoped
public class WebChatTyping {

    private final Conversations conversations;
    private final IdentityService identity;
    private final ChatSessions sessions;

    WebChatTyping(Conversations conversations, IdentityService identity, ChatSessions sessions) {
        this.conversations = conversations;
        this.identity = identity;
        this.sessions = sessions;
    }

    public int agentTyping(UUID conversationId) {
        return sessions.agentTyping(visitorIds(conversationId));
    }

    public boolean visitorTyping(UUID conversationId) {
        return sessions.anyTyping(visitorIds(conversationId));
    }

    private List<String> visitorIds(UUID conversationId) {
        return identity.identifiersOf(conversations.require(conversationId).customerId).stream()
                .filter(id -> IdentifierKind.DEVICE.wireName().equals(id.kind)).map(id -> id.value).toList();
    }
}
