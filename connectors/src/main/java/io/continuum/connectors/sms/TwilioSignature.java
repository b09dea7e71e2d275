package io.continuum.connectors.sms;

import com.twilio.security.RequestValidator;

/**
 * Twilio's {@code X-Twilio-Signature}, checked by the Twilio SDK's {@link RequestValidator}: base64
 * HMAC-SHA1, with the auth token, of the URL Twilio called followed by every form field (name and value,
 * sorted by name). The URL is the one Twilio knows, so behind a proxy it is the configured public URL plus
 * the request's path and query, never the address the request arrived at.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** A missing auth token, URL or header never matches. */
    public static boolean matches(String authToken, String publicRequestUrl, TwilioForm form, String header) {
        if (authToken == null || authToken.isEmpty() || publicRequestUrl == null || header == null || header.isBlank()) {
            return false;
        }
        return new RequestValidator(authToken).validate(publicRequestUrl, form.fields(), header);
    }
}
