package io.continuum.abuse;

import io.continuum.support.ClusterNodes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source talking to two nodes in turn (nginx without sticky sessions) gets one allowance, not one per node:
 * both nodes take from the same bucket in the cluster's cache.
 */
class SharedRateLimitsTest {

    private static final int PER_MINUTE = 10;

    @Test
    void aVisitorAlternatingBetweenTwoNodesGetsTheAllowanceOfOne() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(2)) {
            List<RateLimits> limits = List.of(new RateLimits(config(), nodes.node(0)), new RateLimits(config(), nodes.node(1)));
            String visitor = "visitor-" + System.nanoTime();

            int allowed = 0;
            for (int call = 0; call < 4 * PER_MINUTE; call++) {
                if (limits.get(call % 2).tryTake(RateLimits.Kind.WEBCHAT_MESSAGES_PER_VISITOR, visitor).isEmpty()) {
                    allowed++;
                }
            }

            // the burst is the minute's allowance; the calls take milliseconds, far less than one refill (6 s)
            assertThat(allowed).isEqualTo(PER_MINUTE);
            assertThat(limits.get(0).tryTake(RateLimits.Kind.WEBCHAT_MESSAGES_PER_VISITOR, visitor)).isPresent();
            assertThat(limits.get(1).tryTake(RateLimits.Kind.WEBCHAT_MESSAGES_PER_VISITOR, "someone-else")).isEmpty();
        }
    }

    private static RateLimitConfig config() {
        return new RateLimitConfig() {
            @Override
            public int webchatMessagesPerVisitor() {
                return PER_MINUTE;
            }

            @Override
            public int webchatMessagesPerAddress() {
                return PER_MINUTE;
            }

            @Override
            public int webchatConnectionsPerAddress() {
                return PER_MINUTE;
            }

            @Override
            public int webhookCallsPerSource() {
                return PER_MINUTE;
            }

            @Override
            public int emailConfirmationsPerAddress() {
                return PER_MINUTE;
            }
        };
    }
}
