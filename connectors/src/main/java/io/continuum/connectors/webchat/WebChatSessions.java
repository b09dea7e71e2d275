package io.continuum.connectors.webchat;

import io.continuum.connectors.channel.OutboundMessage;

/** The open chat sockets; the runtime holds them (the WebSocket endpoint lives there). */
public interface WebChatSessions {

    /**
     * Pushes a reply to the visitor's open, active chats.
     *
     * @return false when none of the visitor's devices has an active chat (gone, or timed out)
     */
    boolean push(OutboundMessage message);
}
