package io.continuum.channels.webchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed-JWT variant of host-site identity: what the README's server snippets produce is
 * trusted; a token without a signature ({@code alg: none}), with another algorithm, expired, valid
 * for too long, issued in the future or signed with another secret stays a claim.
 */
class HostSiteTokenTest {

    private static final String SECRET = "test-site-secret-of-at-least-32-bytes";
    /** When the tokens below were made. */
    private static final Instant NOW = Instant.ofEpochSecond(1_764_936_000L);

    /**
     * The README's Node.js snippet, run with {@code Date.now = () => 1764936000000}, this secret and
     * {@code user = { id: 42, email: 'ana@example.com', name: 'Ana' }}.
     */
    private static final String FROM_THE_NODE_SNIPPET = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiI0MiIsImVtYWlsIjoiYW5hQGV4YW1wbGUuY29tIiwibmFtZSI6IkFuYSIsImlhdCI6MTc2NDkzNjAwMCwiZXhwIjoxNzY0OTM2NjAwfQ"
            + ".FOLu95_2xp82Oh3wR2E0LTrwIW3H3a8yybc_NeNhfNc";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static HostSiteIdentity identityAt(Instant now, Optional<String> secret) {
        WebChatConfig config = new WebChatConfig() {
            @Override
            public Duration idleTimeout() {
                return Duration.ofMinutes(10);
            }

            @Override
            public String openingHours() {
                return "00:00-24:00";
            }

            @Override
            public Set<DayOfWeek> openDays() {
                return Set.of(DayOfWeek.values());
            }

            @Override
            public ZoneId zone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Optional<String> identitySecret() {
                return secret;
            }

            @Override
            public Duration identityTokenMaxLifetime() {
                return Duration.ofHours(1);
            }
        };
        return new HostSiteIdentity(config, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Optional<HostSiteIdentity.Signed> verify(String token) {
        return identityAt(NOW, Optional.of(SECRET)).verify(null, null, null, token);
    }

    /** The README's Java snippet: a compact JWT signed HS256, with the JDK and Jackson only. */
    static String continuumUserJwt(String secret, Map<String, Object> claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(new ObjectMapper().writeValueAsBytes(claims));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return header + "." + payload + "." + signature;
    }

    private static Map<String, Object> claims(String sub, long iat, long exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("email", "ana@example.com");
        claims.put("iat", iat);
        claims.put("exp", exp);
        return claims;
    }

    /** A token with any header, signed (or not) as given. */
    private static String token(String headerJson, Map<String, Object> claims, String algorithm, String secret) throws Exception {
        String unsigned = B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(new ObjectMapper().writeValueAsBytes(claims));
        if (algorithm == null) {
            return unsigned + ".";
        }
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return unsigned + "." + B64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theNodeSnippetsTokenIsTrustedWithItsUserIdAddressAndName() {
        assertThat(verify(FROM_THE_NODE_SNIPPET)).contains(new HostSiteIdentity.Signed("42", "ana@example.com", "Ana"));
    }

    @Test
    void theJavaSnippetsTokenIsTrusted() throws Exception {
        String token = continuumUserJwt(SECRET, claims("user-7", NOW.getEpochSecond(), NOW.getEpochSecond() + 600));
        assertThat(verify(token)).contains(new HostSiteIdentity.Signed("user-7", "ana@example.com", null));
    }

    @Test
    void aTokenWithoutSignatureIsRefused() throws Exception {
        String unsigned = token("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims("42", NOW.getEpochSecond(), NOW.getEpochSecond() + 600),
                null, null);
        assertThat(verify(unsigned)).isEmpty();
    }

    @Test
    void anotherAlgorithmIsRefusedEvenWithTheRightSecret() throws Exception {
        String hs512 = token("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims("42", NOW.getEpochSecond(), NOW.getEpochSecond() + 600),
                "HmacSHA512", SECRET);
        assertThat(verify(hs512)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        String forged = continuumUserJwt("a-guessed-secret-that-is-long-enough-too", claims("42", NOW.getEpochSecond(),
                NOW.getEpochSecond() + 600));
        assertThat(verify(forged)).isEmpty();
    }

    @Test
    void aTokenWhoseClaimsWereChangedAfterSigningIsRefused() throws Exception {
        String[] parts = FROM_THE_NODE_SNIPPET.split("\\.");
        String otherUser = B64.encodeToString(new ObjectMapper().writeValueAsBytes(claims("1", NOW.getEpochSecond(),
                NOW.getEpochSecond() + 600)));
        assertThat(verify(parts[0] + "." + otherUser + "." + parts[2])).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        HostSiteIdentity later = identityAt(NOW.plus(Duration.ofMinutes(12)), Optional.of(SECRET));
        assertThat(later.verify(null, null, null, FROM_THE_NODE_SNIPPET)).as("expired 2 minutes ago").isEmpty();
    }

    @Test
    void aTokenWithoutExpiryOrValidForTooLongIsRefused() throws Exception {
        Map<String, Object> noExpiry = claims("42", NOW.getEpochSecond(), 0);
        noExpiry.remove("exp");
        assertThat(verify(continuumUserJwt(SECRET, noExpiry))).isEmpty();
        assertThat(verify(continuumUserJwt(SECRET, claims("42", NOW.getEpochSecond(), NOW.getEpochSecond() + 7200))))
                .as("two hours ahead, the limit is one").isEmpty();
        Map<String, Object> longLived = claims("42", NOW.getEpochSecond() - 86_400, NOW.getEpochSecond() + 600);
        assertThat(verify(continuumUserJwt(SECRET, longLived))).as("issued for a day and a bit").isEmpty();
    }

    @Test
    void aTokenIssuedInTheFutureOrWithoutSubjectIsRefused() throws Exception {
        assertThat(verify(continuumUserJwt(SECRET, claims("42", NOW.getEpochSecond() + 600, NOW.getEpochSecond() + 900))))
                .isEmpty();
        Map<String, Object> noSubject = claims("42", NOW.getEpochSecond(), NOW.getEpochSecond() + 600);
        noSubject.remove("sub");
        assertThat(verify(continuumUserJwt(SECRET, noSubject))).isEmpty();
    }

    @Test
    void withoutASecretNothingIsTrusted() {
        assertThat(identityAt(NOW, Optional.empty()).verify(null, null, null, FROM_THE_NODE_SNIPPET)).isEmpty();
    }

    @Test
    void aSecretTooShortForHs256TrustsNoTokenButStillItsHash() throws Exception {
        String shortSecret = "only-16-bytes-ok";
        HostSiteIdentity identity = identityAt(NOW, Optional.of(shortSecret));
        String token = continuumUserJwt(shortSecret, claims("42", NOW.getEpochSecond(), NOW.getEpochSecond() + 600));
        assertThat(identity.verify(null, null, null, token)).isEmpty();
        String hash = java.util.HexFormat.of().formatHex(HostSiteIdentity.hmac(shortSecret, "42"));
        assertThat(identity.verify("42", null, hash, null)).contains(new HostSiteIdentity.Signed("42", null, null));
    }

    @Test
    void aBadTokenIsNotRescuedByAGoodHash() {
        String email = "ana@example.com";
        String goodHash = java.util.HexFormat.of().formatHex(HostSiteIdentity.hmac(SECRET, email));
        HostSiteIdentity identity = identityAt(NOW, Optional.of(SECRET));
        assertThat(identity.verify(null, email, goodHash, null)).contains(new HostSiteIdentity.Signed(null, email, null));
        assertThat(identity.verify(null, email, goodHash, "not.a.token")).isEmpty();
    }
}
