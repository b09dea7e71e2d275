package io.continuum.connectors.meta;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Messenger and Instagram messaging settings ({@code continuum.meta.*}); one Meta app serves both. */
@ConfigMapping(prefix = "continuum.meta")
public interface MetaConfig {

    /** Signs webhook bodies (X-Hub-Signature-256); without it every Messenger and Instagram webhook POST is refused. */
    Optional<String> appSecret();

    /** Echoed back by the GET verification handshake when Meta presents it. */
    Optional<String> verifyToken();

    /** The Page access token the Send API is called with (the Page the Instagram account is linked to, too). */
    Optional<String> pageAccessToken();

    @WithDefault("https://graph.facebook.com")
    String apiBaseUrl();

    @WithDefault("v21.0")
    String apiVersion();

    /**
     * The message tag a reply carries when the policy (channel-reply.dmn) sends it outside the 24-hour window:
     * HUMAN_AGENT, which Meta allows for a person's reply within 7 days of the customer's message.
     */
    @WithDefault("HUMAN_AGENT")
    String messageTag();
}
