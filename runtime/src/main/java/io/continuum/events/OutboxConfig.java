package io.continuum.events;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "continuum.outbox")
public interface OutboxConfig {

    /** Deliveries of an event to one consumer before that consumer's failure becomes a dead letter. */
    int maxAttempts();

    /** Wait before the second delivery; doubles with every further one. */
    Duration initialBackoff();

    /** Longest wait between two deliveries. */
    Duration maxBackoff();
}
