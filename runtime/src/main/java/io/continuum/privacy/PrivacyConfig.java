package io.continuum.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "continuum.privacy")
public interface PrivacyConfig {

    /** The master key that wraps every data key: 32 random bytes, base64 ({@code openssl rand -base64 32}). */
    Optional<String> masterKey();

    /** A file holding the master key (base64), read when {@code master-key} is not set. */
    Optional<Path> masterKeyFile();

    /**
     * Without a configured master key, draw one at the first start and keep it in
     * {@code <data-dir>/privacy/master.key} (dev mode, tests, the demo profile); otherwise refuse to start.
     */
    @WithDefault("false")
    boolean generateMasterKey();

    /** Master keys in use before the current one (base64): data keys they wrapped are re-wrapped at start. */
    Optional<List<String>> previousMasterKeys();

    /**
     * How long a node keeps an unwrapped data key in memory. Another node forgets a key erased elsewhere
     * at the latest after this long.
     */
    @WithDefault("PT1M")
    Duration keyCacheTtl();
}
