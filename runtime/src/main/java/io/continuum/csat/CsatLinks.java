package io.continuum.csat;

import io.continuum.privacy.BlindIndex;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The token of a survey's answer: the survey id and its expiry, signed with HMAC-SHA256, so a link or a
 * button works for any channel without storing the token, and nobody can make one for another survey or
 * stretch its life. Whether it was already used is the survey's business, not the token's.
 */
@ApplicationScoped
class CsatLinks {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{32}\\.[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final CsatConfig config;
    private final BlindIndex blindIndex;
    private volatile byte[] key;

    CsatLinks(CsatConfig config, BlindIndex blindIndex) {
        this.config = config;
        this.blindIndex = blindIndex;
    }

    /** What a valid token names. */
    record Signed(UUID surveyId, Instant expiresAt) {
    }

    String tokenFor(UUID surveyId, Instant expiresAt) {
        byte[] payload = ByteBuffer.allocate(24).putLong(surveyId.getMostSignificantBits())
                .putLong(surveyId.getLeastSignificantBits()).putLong(expiresAt.getEpochSecond()).array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The survey and expiry a token names, if we signed it (compared in constant time); empty for anything else. */
    Optional<Signed> verify(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        byte[] payload = DECODER.decode(parts[0]);
        if (payload.length != 24 || !MessageDigest.isEqual(mac(payload), DECODER.decode(parts[1]))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        return Optional.of(new Signed(new UUID(buffer.getLong(), buffer.getLong()), Instant.ofEpochSecond(buffer.getLong())));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            // derived from the blind-index data key (wrapped by the master key) unless a secret is configured
            known = config.linkSecret().filter(secret -> !secret.isBlank())
                    .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                    .orElseGet(() -> blindIndex.of("csat-link-key", "", "v1").getBytes(StandardCharsets.UTF_8));
            key = known;
        }
        return known;
    }
}
