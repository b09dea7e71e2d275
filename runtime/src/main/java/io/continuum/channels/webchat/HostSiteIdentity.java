package io.continuum.channels.webchat;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Host-site identity verification, the way help-desk widgets do it: the site where the widget runs
 * knows who is signed in and vouches for that user with a secret it shares with us, in one of two ways:
 * <ul>
 *   <li>{@code userHash = hex(HMAC-SHA256(continuum.webchat.identity-secret, userId or email))};</li>
 *   <li>{@code userJwt}: a compact JWT signed HS256 with the same secret, claims {@code sub} (the user id),
 *   {@code exp} (required, at most {@code continuum.webchat.identity-token-max-lifetime} ahead), optional
 *   {@code email}, {@code name}, {@code iat} (not in the future), {@code jti}. jose4j checks the signature,
 *   the algorithm (HS256 only: {@code none} and every other algorithm are refused) and the times.</li>
 * </ul>
 * A visitor cannot compute either, so a signed identity is trusted; anything else is only a claim.
 */
@ApplicationScoped
public class HostSiteIdentity {

    private static final Logger LOG = Logger.getLogger(HostSiteIdentity.class);
    /** Clocks of the host site and ours disagree a little. */
    private static final int CLOCK_SKEW_SECONDS = 60;
    /** RFC 7518 §3.2: an HS256 key is at least as long as the hash. */
    private static final int MIN_TOKEN_SECRET_BYTES = 32;

    /** What the host site vouched for: its user id (with the e-mail address and name a token also signs), or the e-mail address. */
    record Signed(String userId, String email, String name) {
    }

    private final WebChatConfig config;
    private final Clock clock;
    private final AtomicBoolean warnedShortSecret = new AtomicBoolean();

    HostSiteIdentity(WebChatConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The token when the page passed one, else the HMAC; a token that fails is not rescued by a hash. */
    Optional<Signed> verify(String userId, String email, String userHash, String userJwt) {
        if (userJwt != null && !userJwt.isBlank()) {
            return verifyToken(userJwt.trim());
        }
        return verifyHash(userId, email, userHash);
    }

    private Optional<Signed> verifyHash(String userId, String email, String userHash) {
        Optional<String> secret = secret();
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
        return Optional.of(byUserId ? new Signed(userId, null, null) : new Signed(null, email, null));
    }

    private Optional<Signed> verifyToken(String token) {
        Optional<String> secret = secret();
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (secret.get().getBytes(StandardCharsets.UTF_8).length < MIN_TOKEN_SECRET_BYTES) {
            if (warnedShortSecret.compareAndSet(false, true)) {
                LOG.warnf("continuum.webchat.identity-secret is shorter than %d bytes: host-site identity tokens (HS256) "
                        + "are refused until it is longer; the HMAC userHash still works", MIN_TOKEN_SECRET_BYTES);
            }
            return Optional.empty();
        }
        NumericDate now = NumericDate.fromMilliseconds(clock.millis());
        long maxLifetimeSeconds = config.identityTokenMaxLifetime().toSeconds();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret.get().getBytes(StandardCharsets.UTF_8)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes((int) Math.max(1, maxLifetimeSeconds / 60))
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setEvaluationTime(now)
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            NumericDate issuedAt = claims.getIssuedAt();
            if (issuedAt != null && (issuedAt.getValue() > now.getValue() + CLOCK_SKEW_SECONDS
                    || claims.getExpirationTime().getValue() - issuedAt.getValue() > maxLifetimeSeconds)) {
                LOG.debug("Host-site identity token refused: issued in the future or valid for longer than allowed");
                return Optional.empty();
            }
            String subject = claims.getSubject();
            if (subject.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Signed(subject, text(claims, "email"), text(claims, "name")));
        } catch (InvalidJwtException e) {
            // the codes only: the exception's message quotes the claims, which name the person
            LOG.debugf("Host-site identity token refused (jose4j error codes %s)",
                    e.getErrorDetails().stream().map(error -> error.getErrorCode()).toList());
            return Optional.empty();
        } catch (MalformedClaimException e) {
            LOG.debug("Host-site identity token refused: a claim has the wrong type");
            return Optional.empty();
        }
    }

    private static String text(JwtClaims claims, String name) throws MalformedClaimException {
        String value = claims.getStringClaimValue(name);
        return value == null || value.isBlank() ? null : value;
    }

    private Optional<String> secret() {
        return config.identitySecret().filter(value -> !value.isBlank());
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
