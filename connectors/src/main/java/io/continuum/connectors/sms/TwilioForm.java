package io.continuum.connectors.sms;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fields of a Twilio webhook, a form-encoded body ({@code application/x-www-form-urlencoded}), decoded
 * once for both the signature check (which signs the decoded values) and the adapter.
 */
public record TwilioForm(Map<String, String> fields) {

    public TwilioForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static TwilioForm parse(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
            for (String pair : text.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                fields.put(name, value);
            }
        }
        return new TwilioForm(fields);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw new IllegalArgumentException("the body is not form-encoded");
        }
    }

    public String get(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** The fields form-encoded again, in their order: how an item refused for a supervisor is kept. */
    public byte[] encoded() {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }
}
