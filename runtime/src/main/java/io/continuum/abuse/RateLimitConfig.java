package io.continuum.abuse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much anonymous traffic one source may send ({@code continuum.rate-limits.*}), each a number
 * per minute that may also arrive at once (a burst of that size, refilled evenly over the minute).
 */
@ConfigMapping(prefix = "continuum.rate-limits")
public interface RateLimitConfig {

    /** Web chat messages one visitor (one browser) may send. */
    @WithDefault("20")
    int webchatMessagesPerVisitor();

    /** Web chat messages from one client address, all its visitors together (an office behind one NAT). */
    @WithDefault("120")
    int webchatMessagesPerAddress();

    /** Web chat sockets one client address may open. */
    @WithDefault("60")
    int webchatConnectionsPerAddress();

    /** Webhook calls from one source address, per webhook. */
    @WithDefault("1200")
    int webhookCallsPerSource();

    /** Opened or confirmed e-mail confirmation links from one client address (a person opens one, once or twice). */
    @WithDefault("30")
    int emailConfirmationsPerAddress();
}
