package io.continuum.channels.webchat;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Host-site identity verification, the way help-desk widgets do it: the site where the widget runs
 * knows who is signed in and signs that user's id (or, without one, their e-mail address) with a
 * secret it shares with us: {@code userHash = hex(HMAC-SHA256(continuum.webchat.identity-secret, userId or email))}.
 * A visitor cannot compute it, so a signed identity is trusted; an unsigned one is only a claim.
 */
@ApplicationScoped
public class HostSiteIdentity {

    /** What the host site vouched for: its user id when it signed one, else the e-mail address. */
    record Signed(String userId, String email) {
    }

    private final WebChatConfig config;

    HostSiteIdentity(WebChatConfig config) {
        this.config = config;
    }

    Optional<Signed> verify(String userId, String email, String userHash) {
        Optional<String> secret = config.identitySecret().filter(value -> !value.isBlank());
        if (secret.isEmpty() || userHash == null || userHash.isBlank()) {
            return Optional.empty();
        }
        boolean byUserId = userId != null && !userId.isBlank();
        String signed = byUserId ? userId : email;
        if (signed == null || signed.isBlank()) {
            return Optional.empty();
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret.get(), signed)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = userHash.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        return Optional.of(byUserId ? new Signed(userId, null) : new Signed(null, email));
    }

    static byte[] hmac(String secret, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
