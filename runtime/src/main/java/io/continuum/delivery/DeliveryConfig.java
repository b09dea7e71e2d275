package io.continuum.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Retries of outbound delivery ({@code continuum.delivery.*}). */
@ConfigMapping(prefix = "continuum.delivery")
public interface DeliveryConfig {

    /** How often due deliveries are looked for (the scheduler's {@code every}; 1s is its minimum). */
    @WithDefault("1s")
    String pollInterval();

    /** Attempts before a delivery becomes a dead letter. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait before the second attempt; doubles after each further failure. */
    @WithDefault("PT5S")
    Duration initialBackoff();

    @WithDefault("PT15M")
    Duration maxBackoff();

    /** An attempt still in flight after this long ended unseen (crash): it becomes a dead letter, never a blind resend. */
    @WithDefault("PT5M")
    Duration stuckAfter();

    /** The wait after the given number of failed attempts in a row: doubling from the initial backoff, capped. */
    default Duration backoffAfter(int failures) {
        Duration wait = initialBackoff().multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(maxBackoff()) > 0 ? maxBackoff() : wait;
    }
}
