package io.continuum.connectors.whatsapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** WhatsApp Cloud API settings ({@code continuum.whatsapp.*}). */
@ConfigMapping(prefix = "continuum.whatsapp")
public interface WhatsAppConfig {

    /** Signs webhook bodies (X-Hub-Signature-256); without it every webhook POST is refused. */
    Optional<String> appSecret();

    /** Echoed back by the GET verification handshake when Meta presents it. */
    Optional<String> verifyToken();

    /** Bearer token for the Graph API. */
    Optional<String> accessToken();

    @WithDefault("https://graph.facebook.com")
    String apiBaseUrl();

    @WithDefault("v21.0")
    String apiVersion();

    /** The business phone number messages are sent from. */
    Optional<String> phoneNumberId();

    /**
     * Approved template (one body parameter: the reply) used when the 24-hour service window
     * is closed; without it such replies are sent as text and Meta refuses them.
     */
    Optional<String> reengagementTemplate();

    @WithDefault("en_US")
    String templateLanguage();
}
