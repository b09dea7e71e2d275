package io.continuum.delivery;

/** The states of a {@link Delivery} as stored. */
final class DeliveryState {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String AWAITING_VISITOR = "awaiting_visitor";
    static final String DEAD = "dead";

    private DeliveryState() {
    }
}
