package io.continuum.bench;

import java.util.Arrays;

/**
 * Every latency of a run, in nanoseconds. Runs are seconds to minutes at most thousands of
 * operations a second, so keeping each sample and sorting beats approximating with buckets.
 * Not thread-safe: each worker fills its own and the run merges them.
 */
final class LatencySamples {

    private long[] nanos = new long[4096];
    private int size;
    private boolean sorted;

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
        sorted = false;
    }

    void addAll(LatencySamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return size;
    }

    /** Nearest-rank percentile in milliseconds; 0 when nothing was measured. */
    double percentileMillis(double percentile) {
        if (size == 0) {
            return 0;
        }
        sort();
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return toMillis(nanos[Math.max(0, Math.min(size, rank) - 1)]);
    }

    /** Nearest-rank percentile in microseconds, for in-process work that takes well under a millisecond. */
    double percentileMicros(double percentile) {
        return percentileMillis(percentile) * 1_000;
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(nanos, 0, size);
            sorted = true;
        }
    }

    private static double toMillis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
