package io.continuum.channels.webchat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.continuum.connectors.channel.OutboundMessage;

import java.util.List;
import java.util.UUID;

/** A frame the server sends over the chat socket; {@code type} comes first, as the widget reads it. */
sealed interface ChatFrame {

    /** The answer to hello: whether people are online, and the visitor's latest conversation if they have one. */
    record Welcome(String type, boolean online, String notice, UUID conversationId, List<HistoryItem> history)
            implements ChatFrame {

        Welcome(boolean online, String notice, UUID conversationId, List<HistoryItem> history) {
            this("welcome", online, notice, conversationId, history);
        }
    }

    /** One message of the conversation the welcome brings back. */
    record HistoryItem(UUID messageId, String direction, String channel, String content, String createdAt) {
    }

    /** The visitor's message is stored (or was already: {@code duplicate}). */
    record Ack(String type, String clientMessageId, UUID messageId, UUID conversationId, boolean duplicate)
            implements ChatFrame {

        Ack(String clientMessageId, UUID messageId, UUID conversationId, boolean duplicate) {
            this("ack", clientMessageId, messageId, conversationId, duplicate);
        }
    }

    /** A reply to the visitor; with a {@code survey}, the widget shows 1 to 5 buttons and a comment field under it. */
    record Message(String type, UUID messageId, UUID conversationId, String direction, String content, String createdAt,
                   @JsonInclude(JsonInclude.Include.NON_NULL) OutboundMessage.Survey survey)
            implements ChatFrame {

        Message(UUID messageId, UUID conversationId, String content, String createdAt, OutboundMessage.Survey survey) {
            this("message", messageId, conversationId, "outbound", content, createdAt, survey);
        }
    }

    /**
     * What the visitor's rating did: {@code recorded}, {@code already_answered}, {@code expired} or
     * {@code unknown} (not a survey of ours).
     */
    record Rated(String type, String outcome) implements ChatFrame {

        Rated(String outcome) {
            this("rated", outcome);
        }
    }

    /** Someone is writing to the visitor. */
    record Typing(String type, String who) implements ChatFrame {

        Typing(String who) {
            this("typing", who);
        }
    }

    record Pong(String type) implements ChatFrame {

        Pong() {
            this("pong");
        }
    }

    /** The frame was refused, and why; {@code retryAfter} (seconds) when the visitor sent too much, too fast. */
    record Error(String type, String clientMessageId, String reason,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter) implements ChatFrame {

        Error(String clientMessageId, String reason) {
            this("error", clientMessageId, reason, null);
        }

        Error(String clientMessageId, String reason, long retryAfter) {
            this("error", clientMessageId, reason, retryAfter);
        }
    }
}
