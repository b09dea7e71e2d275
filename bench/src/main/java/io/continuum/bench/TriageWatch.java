package io.continuum.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Watches first contact finish messages: when a {@code processed_event} row of consumer
 * {@code first-contact} becomes visible, that handling (classified, decided, routed or answered, or
 * a follow-up read and judged by the escalation rules) has committed. The row's own
 * {@code processed_at} is stamped when the handling starts, so the finish is what this watch sees:
 * a row visible to a query committed before that query started, and after the previous one did, so
 * each finish is known to within one poll interval. Runs on its own thread and connection.
 */
final class TriageWatch implements AutoCloseable {

    /** One message first contact finished: accepted when its event was written, finished when first seen committed. */
    record Finished(Instant accepted, Instant finished) {

        double lagMillis() {
            return Duration.between(accepted, finished).toNanos() / 1e6;
        }
    }

    static final Duration POLL = Duration.ofMillis(250);
    /**
     * A handling's row may turn visible long after it was stamped (its transaction is still running): rows stamped
     * this long before the latest one seen are looked at again. Longer than a consumer transaction may last.
     */
    private static final Duration STAMPED_BEFORE_VISIBLE = Duration.ofSeconds(120);

    private final Connection connection;
    private final PreparedStatement recent;
    private final PreparedStatement accepted;
    private final Map<UUID, Finished> finished = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;
    private Timestamp watermark = new Timestamp(0);

    private TriageWatch(BenchDatabase database) throws SQLException {
        connection = database.connect();
        connection.setAutoCommit(true);
        recent = connection.prepareStatement("SELECT event_id, processed_at FROM processed_event"
                + " WHERE consumer = 'first-contact' AND processed_at >= ?");
        accepted = connection.prepareStatement("SELECT id, occurred_at FROM outbox_event WHERE id = ANY (?)");
        thread = new Thread(this::run, "triage-watch");
        thread.setDaemon(true);
    }

    static TriageWatch start(BenchDatabase database) throws SQLException {
        TriageWatch watch = new TriageWatch(database);
        watch.thread.start();
        return watch;
    }

    private void run() {
        while (running) {
            long next = System.nanoTime() + POLL.toNanos();
            try {
                poll();
            } catch (SQLException e) {
                failure = e;
                return;
            }
            try {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    private void poll() throws SQLException {
        Instant seenBy = Instant.now();
        List<UUID> fresh = new ArrayList<>();
        Timestamp latest = watermark;
        recent.setTimestamp(1, new Timestamp(watermark.getTime() - STAMPED_BEFORE_VISIBLE.toMillis()));
        try (ResultSet rows = recent.executeQuery()) {
            while (rows.next()) {
                UUID eventId = rows.getObject(1, UUID.class);
                Timestamp stamped = rows.getTimestamp(2);
                if (stamped.after(latest)) {
                    latest = stamped;
                }
                synchronized (this) {
                    if (!finished.containsKey(eventId)) {
                        fresh.add(eventId);
                    }
                }
            }
        }
        watermark = latest;
        if (fresh.isEmpty()) {
            return;
        }
        Array ids = connection.createArrayOf("uuid", fresh.toArray());
        accepted.setArray(1, ids);
        try (ResultSet rows = accepted.executeQuery()) {
            synchronized (this) {
                while (rows.next()) {
                    finished.put(rows.getObject(1, UUID.class), new Finished(rows.getTimestamp(2).toInstant(), seenBy));
                }
            }
        }
    }

    /** How many messages first contact has finished so far. */
    synchronized int finishedCount() throws SQLException {
        if (failure != null) {
            throw failure;
        }
        return finished.size();
    }

    /** Every message finished so far. */
    synchronized List<Finished> finished() {
        return List.copyOf(finished.values());
    }

    @Override
    public void close() throws SQLException {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
