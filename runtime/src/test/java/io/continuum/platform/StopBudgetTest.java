package io.continuum.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waits of a stop share one budget, so that the stop ends within the orchestrator's grace period: each waits at
 * most its own cap and never beyond what the waits before it left.
 */
class StopBudgetTest {

    @Test
    void aWaitIsCappedByItsOwnLimitWhileTheBudgetLasts() {
        OrderlyStop.StopRequested requested = OrderlyStop.StopRequested.within("TERM", Duration.ofHours(1));

        assertThat(requested.timeLeft(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aWaitGetsNoMoreThanIsLeftOfTheBudget() {
        OrderlyStop.StopRequested requested = OrderlyStop.StopRequested.within("TERM", Duration.ofSeconds(5));

        assertThat(requested.timeLeft(Duration.ofSeconds(20))).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSpentBudgetLeavesNothingToWait() {
        OrderlyStop.StopRequested requested = new OrderlyStop.StopRequested("TERM", System.nanoTime() - 1);

        assertThat(requested.timeLeft(Duration.ofSeconds(20))).isZero();
    }
}
