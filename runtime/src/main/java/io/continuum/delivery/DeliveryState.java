package io.continuum.delivery;

/** The states of a {@link Delivery} as stored. */
final class DeliveryState {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String AWAITING_VISITOR = "awaiting_visitor";
    /** A web chat reply for a visitor who left and only claimed an e-mail address: it waits until they confirm it. */
    static final String AWAITING_CONFIRMATION = "awaiting_confirmation";
    static final String DEAD = "dead";

    private DeliveryState() {
    }
}
