package io.continuum.knowledge;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The in-memory case vectors: the closest cases by cosine, removals, the cap, and lookups beside additions. */
class CaseVectorsTest {

    private static final int DIMENSIONS = 7;

    /** A unit vector at {@code angle} radians from the first axis, in the plane of the first two. */
    private static float[] at(double angle) {
        float[] vector = new float[DIMENSIONS];
        vector[0] = (float) Math.cos(angle);
        vector[1] = (float) Math.sin(angle);
        return vector;
    }

    @Test
    void theClosestCasesComeBestFirstAboveTheMinimumAndWithinTheLimit() {
        CaseVectors cases = new CaseVectors(DIMENSIONS, 100);
        UUID same = UUID.randomUUID();
        UUID near = UUID.randomUUID();
        UUID nearer = UUID.randomUUID();
        UUID unrelated = UUID.randomUUID();
        cases.add(near, at(0.6));
        cases.add(unrelated, at(Math.PI / 2));
        cases.add(same, at(0));
        cases.add(nearer, at(0.3));

        List<CaseVectors.Scored> closest = cases.closest(at(0), 0.5, Optional.empty(), 10);
        assertThat(closest).extracting(CaseVectors.Scored::conversationId).containsExactly(same, nearer, near);
        assertThat(closest.get(1).similarity()).isCloseTo(Math.cos(0.3), within(1e-6));

        assertThat(cases.closest(at(0), 0.5, Optional.empty(), 2)).extracting(CaseVectors.Scored::conversationId)
                .containsExactly(same, nearer);
        assertThat(cases.closest(at(0), 0.5, Optional.of(same), 10)).extracting(CaseVectors.Scored::conversationId)
                .containsExactly(nearer, near);
    }

    @Test
    void aCaseIsHeldOnceAndARemovedOneIsNeverFound() {
        CaseVectors cases = new CaseVectors(DIMENSIONS, 100);
        UUID kept = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        assertThat(cases.add(kept, at(0.1))).isTrue();
        assertThat(cases.add(kept, at(0.1))).as("held already").isFalse();
        cases.add(erased, at(0.2));

        cases.removeAll(Set.of(erased));

        assertThat(cases.closest(at(0.2), 0.5, Optional.empty(), 10)).extracting(CaseVectors.Scored::conversationId)
                .containsExactly(kept);
        assertThat(cases.contains(erased)).isFalse();
        assertThat(cases.size()).isEqualTo(1);
        assertThatThrownBy(() -> cases.add(UUID.randomUUID(), new float[DIMENSIONS + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void beyondTheCapTheOldestAreDropped() {
        CaseVectors cases = new CaseVectors(DIMENSIONS, 20);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            cases.add(id, at(0));
        }

        assertThat(cases.size()).isEqualTo(19);
        assertThat(cases.contains(ids.get(0))).isFalse();
        assertThat(cases.contains(ids.get(1))).isFalse();
        assertThat(cases.contains(ids.get(2))).isTrue();
        assertThat(cases.closest(at(0), 0.5, Optional.empty(), 100)).hasSize(19)
                .extracting(CaseVectors.Scored::conversationId).contains(ids.get(20)).doesNotContain(ids.get(0));
    }

    @Test
    void lookupsBesideAdditionsSeeEveryCaseAddedBeforeThemWhole() throws Exception {
        CaseVectors cases = new CaseVectors(DIMENSIONS, 1_000_000);
        UUID first = UUID.randomUUID();
        cases.add(first, at(0));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> adding = threads.submit(() -> {
                Random random = new Random(7);
                for (int i = 0; i < 20_000; i++) {
                    cases.add(UUID.randomUUID(), at(0.5 + random.nextDouble()));
                }
            });
            Future<Integer> looking = threads.submit(() -> {
                int lookups = 0;
                do {
                    List<CaseVectors.Scored> closest = cases.closest(at(0), 0.99, Optional.empty(), 5);
                    // a case read half written would score below 1 or be missed
                    assertThat(closest).extracting(CaseVectors.Scored::conversationId).containsExactly(first);
                    assertThat(closest.get(0).similarity()).isCloseTo(1.0, within(1e-6));
                    lookups++;
                } while (!adding.isDone());
                return lookups;
            });
            adding.get(60, TimeUnit.SECONDS);
            assertThat(looking.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            threads.shutdownNow();
        }
        assertThat(cases.size()).isEqualTo(20_001);
    }
}
