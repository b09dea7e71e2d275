package io.continuum.connectors.channel;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading a channel's JSON payload: a field the channel documents as always present. */
public final class JsonFields {

    private JsonFields() {
    }

    /** The field's text; a missing or blank one is a {@link MalformedPayload} naming it. */
    public static String required(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new MalformedPayload("missing '" + field + "'");
        }
        return value;
    }
}
