package io.continuum.connectors.channel;

/** A send that did not happen; {@link Kind} tells the runtime whether to retry, give up or go another way. */
public class DeliveryFailure extends Exception {

    public enum Kind {
        /** Worth trying again later: network error, 5xx, rate limit. */
        TRANSIENT,
        /** Will never work as it is: rejected request, unknown recipient. */
        PERMANENT,
        /** The recipient cannot be reached on this channel right now (web chat visitor gone). */
        UNREACHABLE,
        /**
         * The request may have reached the channel (no answer came): sending again could reach the customer
         * twice, so it is not retried; a supervisor decides.
         */
        UNKNOWN_OUTCOME
    }

    private final Kind kind;

    public DeliveryFailure(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public DeliveryFailure(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
