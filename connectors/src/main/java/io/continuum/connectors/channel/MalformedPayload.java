package io.continuum.connectors.channel;

/** An inbound payload that does not have the shape its channel documents; the message names what is wrong. */
public class MalformedPayload extends RuntimeException {

    public MalformedPayload(String reason) {
        super(reason);
    }

    /** The runtime refused the message (validation); {@code cause} says how. */
    public MalformedPayload(String reason, Throwable cause) {
        super(reason, cause);
    }
}
