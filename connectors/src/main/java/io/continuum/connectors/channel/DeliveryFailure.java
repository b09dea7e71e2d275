package io.continuum.connectors.channel;

/** A send that did not happen; {@link Kind} tells the runtime whether to retry, give up or go another way. */
public class DeliveryFailure extends Exception {

    public enum Kind {
        /** Worth trying again later: network error, 5xx, rate limit. */
        TRANSIENT,
        /** Will never work as it is: rejected request, unknown recipient. */
        PERMANENT,
        /** The recipient cannot be reached on this channel right now (web chat visitor gone). */
        UNREACHABLE
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
