package io.continuum.bench;

import io.continuum.knowledge.CaseVectors;
import io.continuum.knowledge.SimilarCases;
import io.continuum.platform.SentenceEmbeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The in-memory part of a similar-case lookup (every triage makes one): the scan of the remembered cases' vectors
 * for the closest, at several numbers of cases, on one thread and on two at once. Random unit vectors of the
 * embedding's dimensions; the database part (the closest few described) is not in it.
 * Arguments: seconds measured per run (5), seconds of warmup before each (2).
 */
public final class SimilarCaseLookupBenchmark {

    private static final int[] CASES = {10_000, 100_000};
    private static final int LIMIT = 20;

    private SimilarCaseLookupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Random random = new Random(42);
        for (int count : CASES) {
            CaseVectors cases = new CaseVectors(SentenceEmbeddings.DIMENSIONS, count);
            for (int i = 0; i < count; i++) {
                cases.add(UUID.randomUUID(), unitVector(random));
            }
            for (int threads : new int[] {1, 2}) {
                run(cases, threads, warmup, random);
                long[] latencies = run(cases, threads, seconds, random);
                Arrays.sort(latencies);
                System.out.printf("[figures] similar-case lookup: cases=%d threads=%d %.0f lookups/s p50=%.2f ms p99=%.2f ms%n",
                        count, threads, latencies.length / (double) seconds, percentile(latencies, 0.50) / 1e6,
                        percentile(latencies, 0.99) / 1e6);
            }
        }
    }

    private static long[] run(CaseVectors cases, int threads, int seconds, Random random) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                float[] query = unitVector(random);
                results.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    while (System.nanoTime() < until) {
                        long started = System.nanoTime();
                        cases.closest(query, SimilarCases.MIN_SIMILARITY, Optional.empty(), LIMIT);
                        latencies.add(System.nanoTime() - started);
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get());
            }
            return all.stream().mapToLong(Long::longValue).toArray();
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] unitVector(Random random) {
        float[] vector = new float[SentenceEmbeddings.DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
