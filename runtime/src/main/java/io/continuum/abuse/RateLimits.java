package io.continuum.abuse;

import io.continuum.cluster.Cluster;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) for anonymous traffic, one per source and kind, shared by every node (a cache of
 * the cluster, {@link SharedBuckets}): a source that spreads its calls over the nodes gets one allowance,
 * not one per node. A source idle for ten minutes is forgotten. {@link #tryTake} answers how long to wait
 * when the source has used its share.
 */
@ApplicationScoped
public class RateLimits {

    /** What is being limited, and how many per minute. */
    public enum Kind {
        WEBCHAT_MESSAGES_PER_VISITOR, WEBCHAT_MESSAGES_PER_ADDRESS, WEBCHAT_CONNECTIONS_PER_ADDRESS, WEBHOOK_CALLS_PER_SOURCE,
        EMAIL_CONFIRMATIONS_PER_ADDRESS
    }

    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final Duration FORGET_IDLE_SOURCES_AFTER = Duration.ofMinutes(10);
    private static final long MOST_SOURCES_PER_NODE = 200_000;

    private final RateLimitConfig config;
    private final SharedBuckets buckets;

    public RateLimits(RateLimitConfig config, Cluster cluster) {
        this.config = config;
        this.buckets = new SharedBuckets(cluster.distributedCache("rate-limit-buckets", FORGET_IDLE_SOURCES_AFTER,
                MOST_SOURCES_PER_NODE));
    }

    /** Takes one token for the source; empty when allowed, else how long until the next one. */
    public Optional<Duration> tryTake(Kind kind, String source) {
        int perMinute = perMinute(kind);
        ConsumptionProbe probe = buckets.builder().build(kind + ":" + source, () -> configuration(perMinute))
                .tryConsumeAndReturnRemaining(1);
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

    private static BucketConfiguration configuration(int perMinute) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, PERIOD).build())
                .build();
    }

    /** Whole seconds to announce in Retry-After: never 0 while the source must wait. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
