package io.continuum.connectors.channel;

import java.time.Instant;

/** A channel telling what happened to a message we sent, named by the id the channel gave it. */
public record DeliveryStatusUpdate(String channel, String providerMessageId, Status status, Instant at, String reason) {

    /** In the order a message goes through them; a later status never goes back to an earlier one. */
    public enum Status {
        SENT, DELIVERED, READ, FAILED;

        public String wireName() {
            return name().toLowerCase();
        }
    }
}
