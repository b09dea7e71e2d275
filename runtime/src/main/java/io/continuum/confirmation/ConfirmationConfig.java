package io.continuum.confirmation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Magic-link confirmation of claimed e-mail addresses ({@code continuum.email-confirmation.*}). */
@ConfigMapping(prefix = "continuum.email-confirmation")
public interface ConfirmationConfig {

    /** Where customers reach this platform: the link in the mail is {@code <public-url>/confirm-email?token=…}. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** How long a link works. */
    @WithDefault("PT24H")
    Duration validFor();

    /** Attempts to mail a link before the request is given up (failed); each failed attempt waits twice as long as the one before. */
    @WithDefault("6")
    int maxAttempts();

    @WithDefault("PT30S")
    Duration initialBackoff();
}
