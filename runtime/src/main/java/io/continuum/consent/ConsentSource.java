package io.continuum.consent;

import java.util.Arrays;
import java.util.Optional;

/** Where a customer gave or withdrew a consent: the proof of it names the place, never the person. */
public enum ConsentSource {
    WEB_CHAT_WIDGET("web-chat-widget"),
    AGENT_ON_CALL("agent-on-call"),
    API("api"),
    IMPORT("import"),
    /** The customer texted STOP (withdrawn) or START (granted) to our SMS number. */
    SMS_KEYWORD("sms-keyword");

    private final String wireName;

    ConsentSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ConsentSource> fromWire(String value) {
        return Arrays.stream(values()).filter(source -> source.wireName.equals(value)).findFirst();
    }
}
