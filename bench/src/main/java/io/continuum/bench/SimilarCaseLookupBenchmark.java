package io.continuum.bench;

import io.continuum.firstcontact.LabelledExample;
import io.continuum.knowledge.CaseVectors;
import io.continuum.knowledge.SimilarCases;
import io.continuum.platform.SentenceEmbeddings;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * for the closest, on one thread and on two at once; the database part (the closest few described) is not in it.
 * Two kinds of cases: random unit vectors of the embedding's dimensions at 10,000 and 100,000 cases (no direction
 * is favoured, so nothing can be skipped: the worst case), and, when the labelled data is there, real sentence
 * embeddings of its messages (nine in ten as cases, the tenth as lookups), which lie along a few directions as
 * support messages do.
 * Arguments: seconds measured per run (5), seconds of warmup before each (2), the data/intents folder
 * (../shared/data/intents; skipped when missing).
 */
public final class SimilarCaseLookupBenchmark {

    private static final int[] CASES = {10_000, 100_000};
    private static final int LIMIT = 20;

    private SimilarCaseLookupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path data = Path.of(args.length > 2 ? args[2] : "../shared/data/intents");
        Random random = new Random(42);
        for (int count : CASES) {
            CaseVectors cases = new CaseVectors(SentenceEmbeddings.DIMENSIONS, count);
            for (int i = 0; i < count; i++) {
                cases.add(UUID.randomUUID(), unitVector(random));
            }
            List<float[]> queries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                queries.add(unitVector(random));
            }
            measure("random unit vectors", cases, queries, seconds, warmup);
        }
        if (Files.isDirectory(data)) {
            List<String> texts = IntentDataset.read(data).rows().stream().map(LabelledExample::text).toList();
            List<float[]> vectors = new SentenceEmbeddings().embedAll(texts);
            CaseVectors cases = new CaseVectors(SentenceEmbeddings.DIMENSIONS, vectors.size());
            List<float[]> queries = new ArrayList<>();
            for (int i = 0; i < vectors.size(); i++) {
                if (i % 10 == 0) {
                    queries.add(vectors.get(i));
                } else {
                    cases.add(UUID.randomUUID(), vectors.get(i));
                }
            }
            measure("sentence embeddings of " + data, cases, queries, seconds, warmup);
        }
    }

    private static void measure(String kind, CaseVectors cases, List<float[]> queries, int seconds, int warmup)
            throws Exception {
        for (int threads : new int[] {1, 2}) {
            run(cases, threads, warmup, queries);
            long[] latencies = run(cases, threads, seconds, queries);
            Arrays.sort(latencies);
            System.out.printf("[figures] similar-case lookup: %s, cases=%d threads=%d %.0f lookups/s p50=%.2f ms p99=%.2f ms%n",
                    kind, cases.size(), threads, latencies.length / (double) seconds, percentile(latencies, 0.50) / 1e6,
                    percentile(latencies, 0.99) / 1e6);
        }
    }

    /** Each thread looks up the queries in turn, from its own starting point. */
    private static long[] run(CaseVectors cases, int threads, int seconds, List<float[]> queries) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * queries.size() / threads;
                results.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    int next = first;
                    while (System.nanoTime() < until) {
                        float[] query = queries.get(next++ % queries.size());
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
