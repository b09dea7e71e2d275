package io.continuum.knowledge;

import io.continuum.platform.SentenceEmbeddings;
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

    /** Unit vectors around a few topics, as sentence embeddings cluster: a topic's direction plus some noise. */
    private static List<float[]> clustered(int count, int dimensions, int topics, double noise, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[topics][];
        for (int t = 0; t < topics; t++) {
            centres[t] = unit(random, dimensions, null, 0);
        }
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vectors.add(unit(random, dimensions, centres[random.nextInt(topics)], noise));
        }
        return vectors;
    }

    private static float[] unit(Random random, int dimensions, float[] around, double noise) {
        float[] vector = new float[dimensions];
        double length = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) ((around == null ? 0 : around[i]) + (around == null ? 1 : noise) * random.nextGaussian()
                    / (around == null ? 1 : Math.sqrt(dimensions)));
            length += vector[i] * vector[i];
        }
        for (int i = 0; i < dimensions; i++) {
            vector[i] /= (float) Math.sqrt(length);
        }
        return vector;
    }

    /** What a lookup must answer: every case scored whole with the scan's own dot product, the same rules. */
    private static List<UUID> scannedWhole(List<UUID> ids, List<float[]> vectors, float[] query, double minSimilarity,
                                           int limit) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (SentenceEmbeddings.dot(query, vectors.get(i)) >= minSimilarity) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Float.compare(SentenceEmbeddings.dot(query, vectors.get(b)),
                SentenceEmbeddings.dot(query, vectors.get(a))));
        return order.stream().limit(limit).map(ids::get).toList();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void onceDirectionsAreFittedALookupAnswersWhatAScanOfEveryWholeVectorAnswers() {
        int dimensions = 96;
        // as much noise as topic: what the directions leave out is as long as what they hold, so the bound is tested
        List<float[]> vectors = clustered(CaseVectors.FIT_AT + 1_000, dimensions, 12, 1.0, 3);
        CaseVectors cases = new CaseVectors(dimensions, 1_000_000);
        List<UUID> ids = new ArrayList<>();
        for (float[] vector : vectors) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            cases.add(id, vector);
            assertThat(cases.projectedDimensions()).isEqualTo(cases.size() < CaseVectors.FIT_AT ? 0 : dimensions / 2);
        }
        List<float[]> queries = clustered(200, dimensions, 12, 1.0, 3);
        for (int q = 0; q < queries.size(); q++) {
            float[] query = queries.get(q);
            double minSimilarity = new double[] {0.3, 0.5, 0.7, 0.9}[q % 4];
            int limit = new int[] {1, 5, 20, 10_000}[q / 4 % 4];
            assertThat(cases.closest(query, minSimilarity, Optional.empty(), limit))
                    .as("query %d, at least %s, at most %d", q, minSimilarity, limit)
                    .extracting(CaseVectors.Scored::conversationId)
                    .containsExactlyElementsOf(scannedWhole(ids, vectors, query, minSimilarity, limit));
        }

        Set<UUID> erased = Set.copyOf(ids.subList(0, 500));
        cases.removeAll(erased);
        List<UUID> keptIds = ids.subList(500, ids.size());
        List<float[]> keptVectors = vectors.subList(500, vectors.size());
        for (float[] query : queries.subList(0, 20)) {
            assertThat(cases.closest(query, 0.5, Optional.empty(), 20)).extracting(CaseVectors.Scored::conversationId)
                    .containsExactlyElementsOf(scannedWhole(keptIds, keptVectors, query, 0.5, 20));
        }
    }

    @Test
    void theBoundFromProjectionsIsNeverBelowTheSimilarityAndRulesOutMostCasesOfOtherTopics() {
        int dimensions = 96;
        List<float[]> vectors = clustered(3_000, dimensions, 12, 0.35, 5);
        float[] laidOut = new float[vectors.size() * dimensions];
        for (int i = 0; i < vectors.size(); i++) {
            System.arraycopy(vectors.get(i), 0, laidOut, i * dimensions, dimensions);
        }
        PrincipalDirections directions = PrincipalDirections.fit(laidOut, 0, vectors.size(), dimensions, 16);
        float[] projections = new float[vectors.size() * 16];
        float[] leftovers = new float[vectors.size()];
        for (int i = 0; i < vectors.size(); i++) {
            leftovers[i] = (float) directions.project(laidOut, i * dimensions, projections, i * 16);
        }
        int ruledOut = 0;
        int pairs = 0;
        for (float[] query : clustered(50, dimensions, 12, 0.35, 5)) {
            float[] projection = new float[16];
            double leftover = directions.project(query, 0, projection, 0);
            for (int i = 0; i < vectors.size(); i++) {
                double bound = PrincipalDirections.bound(projection, leftover, projections, i * 16, leftovers[i]);
                assertThat(bound).isGreaterThanOrEqualTo(dot(query, vectors.get(i)) - 1e-4);
                ruledOut += bound < 0.5 ? 1 : 0;
                pairs++;
            }
        }
        // twelve topics in 96 dimensions: 16 fitted directions hold most of each vector, so most other-topic cases fall below
        assertThat((double) ruledOut / pairs).isGreaterThan(0.5);
    }
}
