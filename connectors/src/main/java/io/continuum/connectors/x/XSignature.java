package io.continuum.connectors.x;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * X's webhook signatures: {@code sha256=} + base64 HMAC-SHA256 with the consumer secret, over the raw body
 * ({@code x-twitter-webhooks-signature}) or over the {@code crc_token} (the CRC check's {@code response_token}).
 */
public final class XSignature {

    private static final String PREFIX = "sha256=";

    private XSignature() {
    }

    public static String sign(String consumerSecret, byte[] content) {
        return PREFIX + Base64.getEncoder().encodeToString(hmac(consumerSecret, content));
    }

    /** Constant-time comparison; a missing secret or header never matches. */
    public static boolean matches(String consumerSecret, byte[] rawBody, String header) {
        if (consumerSecret == null || consumerSecret.isEmpty() || header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(sign(consumerSecret, rawBody).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
