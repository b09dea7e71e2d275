package io.continuum.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) for anonymous traffic, one per source and kind, held in this node's memory:
 * a source idle for ten minutes is forgotten. {@link #tryTake} answers how long to wait when the
 * source has used its share.
 */
@ApplicationScoped
public class RateLimits {

    /** What is being limited, and how many per minute. */
    public enum Kind {
        WEBCHAT_MESSAGES_PER_VISITOR, WEBCHAT_MESSAGES_PER_ADDRESS, WEBCHAT_CONNECTIONS_PER_ADDRESS, WEBHOOK_CALLS_PER_SOURCE,
        EMAIL_CONFIRMATIONS_PER_ADDRESS
    }

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final RateLimitConfig config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    RateLimits(RateLimitConfig config) {
        this.config = config;
    }

    /** Takes one token for the source; empty when allowed, else how long until the next one. */
    public Optional<Duration> tryTake(Kind kind, String source) {
        Bucket bucket = buckets.get(kind + ":" + source, key -> newBucket(perMinute(kind)));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private int perMinute(Kind kind) {
        return switch (kind) {
            case WEBCHAT_MESSAGES_PER_VISITOR -> config.webchatMessagesPerVisitor();
            case WEBCHAT_MESSAGES_PER_ADDRESS -> config.webchatMessagesPerAddress();
            case WEBCHAT_CONNECTIONS_PER_ADDRESS -> config.webchatConnectionsPerAddress();
            case WEBHOOK_CALLS_PER_SOURCE -> config.webhookCallsPerSource();
            case EMAIL_CONFIRMATIONS_PER_ADDRESS -> config.emailConfirmationsPerAddress();
        };
    }

    private static Bucket newBucket(int perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, PERIOD).build())
                .build();
    }

    /** Whole seconds to announce in Retry-After: never 0 while the source must wait. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
