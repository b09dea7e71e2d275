package io.continuum.connectors.sms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Twilio Programmable Messaging settings ({@code continuum.twilio.*}). */
@ConfigMapping(prefix = "continuum.twilio")
public interface TwilioConfig {

    /** Signs webhooks (X-Twilio-Signature) and, with the account SID, authenticates our API calls; without it every webhook is refused. */
    Optional<String> authToken();

    /** The account messages are sent from (AC…). */
    Optional<String> accountSid();

    /** Our Twilio number in E.164, the sender of every SMS reply. */
    Optional<String> fromNumber();

    @WithDefault("https://api.twilio.com")
    String apiBaseUrl();

    /**
     * The base URL Twilio calls us at (as registered in the Twilio console, before any proxy). Twilio signs
     * that URL, not the one the request arrives at behind a proxy; without it every webhook is refused.
     */
    Optional<String> publicUrl();
}
