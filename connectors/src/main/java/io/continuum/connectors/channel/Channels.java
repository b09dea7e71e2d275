package io.continuum.connectors.channel;

import java.util.Set;

/** The channel names Continuum knows; connectors and the generic message API use these. */
public final class Channels {

    public static final String WEB_CHAT = "web_chat";
    public static final String EMAIL = "email";
    public static final String WHATSAPP = "whatsapp";
    public static final String MESSENGER = "messenger";
    public static final String INSTAGRAM = "instagram";
    public static final String X = "x";
    public static final String SMS = "sms";
    public static final String VOICE = "voice";

    public static final Set<String> ALL = Set.of(WEB_CHAT, EMAIL, WHATSAPP, MESSENGER, INSTAGRAM, X, SMS, VOICE);

    private Channels() {
    }

    /** Channels whose sender id is a social network account rather than an e-mail address or phone number. */
    public static boolean hasSocialSenders(String channel) {
        return MESSENGER.equals(channel) || INSTAGRAM.equals(channel) || X.equals(channel);
    }

    /** Channels a written reply can reach the customer on; a phone call cannot take one. */
    public static boolean carriesWrittenReplies(String channel) {
        return !VOICE.equals(channel);
    }
}
