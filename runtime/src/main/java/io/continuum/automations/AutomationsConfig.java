package io.continuum.automations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Automations ({@code continuum.automations.*}): the storm limit, the time-based pass and outbound webhooks. */
@ConfigMapping(prefix = "continuum.automations")
public interface AutomationsConfig {

    /** Actions automations may run on one conversation in any hour; the rest are refused and logged. */
    @WithDefault("20")
    int maxActionsPerConversationPerHour();

    /** How often time-elapsed rows are evaluated on every unresolved conversation ("off" switches it off). */
    @WithDefault("60s")
    String timePollInterval();

    /**
     * Where call-webhook may send: a URL is allowed when its scheme, host and port equal an entry's and its path
     * starts with the entry's path. Empty: no webhook is ever called.
     */
    Optional<List<String>> webhookAllowList();

    /** The HMAC-SHA256 key of the {@code X-Continuum-Signature-256} header; unset: no webhook is ever called. */
    Optional<String> webhookSecret();

    /** How long one webhook attempt waits for the receiver's answer. */
    @WithDefault("PT10S")
    Duration webhookTimeout();
}
