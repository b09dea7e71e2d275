package io.continuum.connectors.webchat;

import java.time.Instant;

/**
 * What a visitor typed in the widget. {@code clientMessageId} is chosen by the widget and sent
 * again on reconnect, so a resend is recognised as the same message.
 */
public record VisitorMessage(String visitorId, String clientMessageId, String content, String name, String email,
                             Instant sentAt) {
}
