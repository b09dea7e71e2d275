package io.continuum.csat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Satisfaction surveys ({@code continuum.csat.*}). */
@ConfigMapping(prefix = "continuum.csat")
public interface CsatConfig {

    /**
     * The secret survey links are signed with (HMAC-SHA256). Unset: a key derived from the privacy data keys,
     * the same on every node and kept across master-key rotations.
     */
    Optional<String> linkSecret();

    /** How long a survey can be answered (its link, its buttons). */
    @WithDefault("P7D")
    Duration linkTtl();

    /** Where customers reach this platform: the survey link is {@code <public-url>/csat/<token>}. */
    String publicUrl();
}
