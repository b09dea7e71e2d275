package io.continuum.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: each worker thread repeats its operation back to back, so the
 * concurrency is exactly the number of workers. Operations that start during the warmup are
 * run but not counted; those that start in the measured window are timed one by one.
 */
final class LoadRun {

    /** One worker's repeated call; it returns when the call succeeded and throws when it failed. */
    interface Operation extends AutoCloseable {
        void perform() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Opens worker {@code workerIndex}'s operation: its own connection, its own client state. */
    interface OperationFactory {
        Operation open(int workerIndex) throws Exception;
    }

    /** Told when the measured window opens and closes, e.g. to read database counters at the edges. */
    interface WindowListener {
        WindowListener NONE = new WindowListener() {
        };

        default void opened() {
        }

        default void closed() {
        }
    }

    record Result(int concurrency, long measuredWindowNanos, LatencySamples latencies,
                  long errors, Map<String, Long> errorsByReason) {

        long successes() {
            return latencies.count();
        }

        double perSecond() {
            return measuredWindowNanos == 0 ? 0 : successes() * 1e9 / measuredWindowNanos;
        }

        double windowSeconds() {
            return measuredWindowNanos / 1e9;
        }
    }

    /** Keeps the error breakdown readable when every failure carries a different text. */
    private static final int DISTINCT_ERROR_REASONS = 20;

    private LoadRun() {
    }

    /** Workers open their operations before the clock starts, so connecting is never part of the load. */
    static Result run(String name, int concurrency, Duration warmup, Duration measured,
                      OperationFactory operations, WindowListener window) throws InterruptedException {
        var ready = new CountDownLatch(concurrency);
        var start = new CountDownLatch(1);
        var clock = new long[2]; // [measurement starts, measurement ends] in nanoTime, published by the start latch
        var lastCompletion = new AtomicLong();
        var errors = new LongAdder();
        var errorsByReason = new ConcurrentHashMap<String, LongAdder>();
        var samplesPerWorker = new ArrayList<LatencySamples>();
        var setupFailures = new ConcurrentHashMap<Integer, Exception>();
        List<Thread> workers = new ArrayList<>();

        for (int i = 0; i < concurrency; i++) {
            int workerIndex = i;
            var samples = new LatencySamples();
            samplesPerWorker.add(samples);
            workers.add(new Thread(() -> {
                try (Operation operation = operations.open(workerIndex)) {
                    ready.countDown();
                    start.await();
                    long measurementStarts = clock[0];
                    long measurementEnds = clock[1];
                    long latest = 0;
                    while (true) {
                        long begin = System.nanoTime();
                        if (begin - measurementEnds >= 0) {
                            break;
                        }
                        boolean measuring = begin - measurementStarts >= 0;
                        try {
                            operation.perform();
                            long end = System.nanoTime();
                            if (measuring) {
                                samples.add(end - begin);
                                latest = end;
                            }
                        } catch (Exception failure) {
                            if (measuring) {
                                errors.increment();
                                countReason(errorsByReason, failure);
                                latest = System.nanoTime();
                            }
                        }
                    }
                    lastCompletion.accumulateAndGet(latest, Math::max);
                } catch (Exception setupOrClose) {
                    setupFailures.put(workerIndex, setupOrClose);
                    ready.countDown();
                }
            }, name + "-worker-" + (i + 1)));
        }
        workers.forEach(Thread::start);
        ready.await();
        if (!setupFailures.isEmpty()) {
            start.countDown();
            joinAll(workers);
            throw new IllegalStateException(name + ": a worker could not start", setupFailures.values().iterator().next());
        }

        long now = System.nanoTime();
        clock[0] = now + warmup.toNanos();
        clock[1] = clock[0] + measured.toNanos();
        start.countDown();
        sleepUntil(clock[0]);
        window.opened();
        sleepUntil(clock[1]);
        window.closed();
        joinAll(workers);
        if (!setupFailures.isEmpty()) {
            throw new IllegalStateException(name + ": a worker failed", setupFailures.values().iterator().next());
        }

        var latencies = new LatencySamples();
        samplesPerWorker.forEach(latencies::addAll);
        // operations started just before the end finish after it; the window stretches to include them
        long measuredWindowNanos = Math.max(lastCompletion.get(), clock[1]) - clock[0];
        Map<String, Long> reasons = new TreeMap<>();
        errorsByReason.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return new Result(concurrency, measuredWindowNanos, latencies, errors.sum(), reasons);
    }

    private static void countReason(ConcurrentHashMap<String, LongAdder> errorsByReason, Exception failure) {
        String reason = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
        if (errorsByReason.size() >= DISTINCT_ERROR_REASONS && !errorsByReason.containsKey(reason)) {
            reason = "(other reasons)";
        }
        errorsByReason.computeIfAbsent(reason, key -> new LongAdder()).increment();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, remaining / 1_000_000));
        }
    }

    private static void joinAll(List<Thread> workers) throws InterruptedException {
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
