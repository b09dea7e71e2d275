package io.continuum.access;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The shared secret a node's own Kogito jobs service proves itself with when it schedules a timer
 * and when it fires one back. Nodes that fire each other's timers (one database, several nodes)
 * must share it: set {@code continuum.internal-callers.secret}. Without it each process draws a
 * random one, which is enough for a single node.
 */
@ApplicationScoped
public class InternalCallers {

    /** The request header carrying the secret. */
    public static final String HEADER = "X-Continuum-Internal";

    private final byte[] secret;

    InternalCallers(@ConfigProperty(name = "continuum.internal-callers.secret") Optional<String> configured) {
        this.secret = configured.filter(value -> !value.isBlank())
                .orElseGet(InternalCallers::randomSecret)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The value internal requests send in {@link #HEADER}. */
    public String secret() {
        return new String(secret, StandardCharsets.UTF_8);
    }

    /** Whether a request's header value is the secret, compared in constant time. */
    public boolean proves(String headerValue) {
        return headerValue != null && MessageDigest.isEqual(secret, headerValue.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
