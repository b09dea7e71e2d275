package io.continuum.resolution;

import org.junit.jupiter.api.Test;

import static io.continuum.resolution.ResolutionStatus.AWAITING_DEPLOY;
import static io.continuum.resolution.ResolutionStatus.AWAITING_FIX;
import static io.continuum.resolution.ResolutionStatus.FIX_IN_PROGRESS;
import static io.continuum.resolution.ResolutionStatus.INVESTIGATING;
import static io.continuum.resolution.ResolutionStatus.MONITORING;
import static io.continuum.resolution.ResolutionStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

/** The Resolution state machine, move by move. */
class ResolutionStatusTest {

    @Test
    void forwardThroughTheFixAndBackWhenItFails() {
        assertThat(INVESTIGATING.next()).containsExactlyInAnyOrder(AWAITING_FIX, FIX_IN_PROGRESS);
        assertThat(AWAITING_FIX.next()).containsExactlyInAnyOrder(INVESTIGATING, FIX_IN_PROGRESS);
        assertThat(FIX_IN_PROGRESS.next()).containsExactlyInAnyOrder(INVESTIGATING, AWAITING_DEPLOY);
        assertThat(AWAITING_DEPLOY.next()).containsExactlyInAnyOrder(FIX_IN_PROGRESS, MONITORING);
        assertThat(MONITORING.next()).containsExactlyInAnyOrder(INVESTIGATING, RESOLVED);
    }

    @Test
    void onlyMonitoringResolvesAndNothingLeavesResolved() {
        for (ResolutionStatus status : ResolutionStatus.values()) {
            assertThat(status.canMoveTo(RESOLVED)).as(status.wireName()).isEqualTo(status == MONITORING);
            assertThat(RESOLVED.canMoveTo(status)).isFalse();
        }
    }

    @Test
    void wireNamesRoundTrip() {
        for (ResolutionStatus status : ResolutionStatus.values()) {
            assertThat(ResolutionStatus.fromWire(status.wireName())).contains(status);
        }
        assertThat(ResolutionStatus.fromWire("done")).isEmpty();
        assertThat(FIX_IN_PROGRESS.wireName()).isEqualTo("fix_in_progress");
        assertThat(FIX_IN_PROGRESS.words()).isEqualTo("fix in progress");
    }
}
