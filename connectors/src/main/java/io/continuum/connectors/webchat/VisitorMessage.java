package io.continuum.connectors.webchat;

import java.time.Instant;

/**
 * What a visitor typed in the widget. {@code clientMessageId} is chosen by the widget and sent
 * again on reconnect, so a resend is recognised as the same message. The e-mail is a claim unless
 * the host site signed it ({@code emailVerified}); {@code siteUserId} is present only when the host
 * site signed it.
 */
public record VisitorMessage(String visitorId, String clientMessageId, String content, String name, String email,
                             boolean emailVerified, String siteUserId, Instant sentAt) {
}
