package io.continuum.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class DemoHistoryClockTest {

    private static final Instant PAST = Instant.parse("2026-11-05T09:15:00Z");

    @Test
    void readsThePastMomentOnlyOnTheWritingThreadAndOnlyWhileWriting() throws Exception {
        DemoHistoryClock clock = new DemoHistoryClock();

        Instant insideOtherThread = DemoHistoryClock.at(PAST, () -> {
            assertThat(clock.instant()).isEqualTo(PAST);
            return CompletableFuture.supplyAsync(clock::instant).join();
        });

        assertThat(Duration.between(insideOtherThread, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aNestedMomentGivesBackTheOuterOne() {
        DemoHistoryClock clock = new DemoHistoryClock();
        DemoHistoryClock.at(PAST, () -> {
            DemoHistoryClock.at(PAST.plusSeconds(60), () -> assertThat(clock.instant()).isEqualTo(PAST.plusSeconds(60)));
            assertThat(clock.instant()).isEqualTo(PAST);
        });
    }
}
