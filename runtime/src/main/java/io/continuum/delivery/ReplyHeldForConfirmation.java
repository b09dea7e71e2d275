package io.continuum.delivery;

import java.util.UUID;

/**
 * Fired (synchronously, inside the delivery's transaction) when a web chat reply waits because the
 * visitor left and their e-mail address is only claimed: whoever observes it asks the address's owner
 * to confirm it; {@link OutboundDelivery#addressConfirmed} then sends the reply.
 */
public record ReplyHeldForConfirmation(UUID customerId, UUID conversationId, String email) {
}
