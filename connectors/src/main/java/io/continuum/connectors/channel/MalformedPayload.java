package io.continuum.connectors.channel;

import com.fasterxml.jackson.databind.JsonNode;

/** An inbound payload that does not have the shape its channel documents; the message names what is wrong. */
public class MalformedPayload extends RuntimeException {

    /** The text of a field a JSON payload must carry; missing or blank is malformed. */
    public static String required(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new MalformedPayload("missing '" + field + "'");
        }
        return value;
    }

    public MalformedPayload(String reason) {
        super(reason);
    }

    /** The runtime refused the message (validation); {@code cause} says how. */
    public MalformedPayload(String reason, Throwable cause) {
        super(reason, cause);
    }
}
