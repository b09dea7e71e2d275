package io.continuum.delivery;

import java.util.Arrays;

/** What channel-reply.dmn decides about a reply: how it may reach the customer. */
public enum ReplyMode {
    /** Sent as written, on its channel. */
    FREE_FORM("free-form"),
    /** Sent on its channel as the approved WhatsApp template, or with the Messenger/Instagram message tag. */
    TEMPLATE("template"),
    /** Sent by e-mail instead, in the same conversation. */
    EMAIL("email"),
    /** Not sent: nothing the platform allows reaches the customer, and no e-mail address is known. */
    UNDELIVERABLE("undeliverable");

    private final String wireName;

    ReplyMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The mode a table output names; anything else is a table that no longer matches this code. */
    public static ReplyMode fromOutput(Object output) {
        return Arrays.stream(values()).filter(mode -> mode.wireName.equals(output)).findFirst()
                .orElseThrow(() -> new IllegalStateException("channel-reply decided '" + output
                        + "'; expected one of free-form, template, email, undeliverable"));
    }
}
