package io.continuum.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Reads from the platform's tables what happened to the messages a run sent: whether the in-process
 * consumers caught up, how long triage took, and whether every accepted message was stored once and
 * triaged once. The tables belong to the platform's schema, not to an API; the run's database is
 * fresh, so every row in it came from this run.
 */
final class DeliveryChecks {

    /** First contact's consumer name in {@code processed_event}: it triages a conversation's first message. */
    private static final String FIRST_CONTACT = "first-contact";

    /** What the consumers still have to do: received messages first contact has not handled, conversations not triaged. */
    record Backlog(long unhandledMessages, long untriagedConversations) {

        boolean empty() {
            return unhandledMessages == 0 && untriagedConversations == 0;
        }
    }

    /** Percentiles in milliseconds over {@code count} messages. */
    record Lag(long count, double p50Millis, double p99Millis, double maxMillis) {
    }

    /**
     * @param accepted          messages the platform answered 202 for
     * @param stored            of those, how many are in the message table
     * @param duplicated        (channel, external id) pairs stored more than once
     * @param storedWithout202  inbound messages stored although the sender did not see a 202 (a timeout): not a loss
     * @param unhandled         received messages first contact neither handled nor dead-lettered
     * @param deadLetters       (consumer, event) pairs given up on
     * @param conversations     conversations the messages opened
     * @param untriaged         of those, how many were never triaged
     * @param triagedTwice      conversations with more than one classification
     */
    record Counts(long accepted, long stored, long duplicated, long storedWithout202, long unhandled,
                  long deadLetters, long conversations, long untriaged, long triagedTwice) {

        long lost() {
            return accepted - stored;
        }

        boolean correct() {
            return lost() == 0 && duplicated == 0 && unhandled == 0 && deadLetters == 0 && untriaged == 0
                    && triagedTwice == 0;
        }
    }

    private final BenchDatabase database;

    DeliveryChecks(BenchDatabase database) {
        this.database = database;
    }

    Backlog backlog() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT"
                     + " (SELECT count(*) FROM outbox_event e WHERE e.topic = 'message.received'"
                     + "   AND NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.consumer = '" + FIRST_CONTACT + "' AND p.event_id = e.id)"
                     + "   AND NOT EXISTS (SELECT 1 FROM outbox_consumer_failure f WHERE f.consumer = '" + FIRST_CONTACT + "'"
                     + "     AND f.event_id = e.id AND f.dead_at IS NOT NULL)),"
                     + " (SELECT count(*) FROM conversation WHERE triaged_at IS NULL)")) {
            row.next();
            return new Backlog(row.getLong(1), row.getLong(2));
        }
    }

    /** From a message accepted (its {@code message.received} event) to its classification, for messages accepted in [from, to). */
    Lag triageLag(Instant from, Instant to) throws SQLException {
        return lag("SELECT extract(epoch FROM classified.occurred_at - received.occurred_at) * 1000 AS lag_ms"
                + " FROM outbox_event received JOIN outbox_event classified ON classified.topic = 'message.classified'"
                + "   AND classified.payload->>'messageId' = received.payload->>'messageId'"
                + " WHERE received.topic = 'message.received' AND received.occurred_at >= ? AND received.occurred_at < ?", from, to);
    }

    /** From a message accepted to first contact starting on it, for messages accepted in [from, to): the queueing alone. */
    Lag pickUpLag(Instant from, Instant to) throws SQLException {
        return lag("SELECT extract(epoch FROM handled.processed_at - received.occurred_at) * 1000 AS lag_ms"
                + " FROM outbox_event received JOIN processed_event handled ON handled.event_id = received.id"
                + "   AND handled.consumer = '" + FIRST_CONTACT + "'"
                + " WHERE received.topic = 'message.received' AND received.occurred_at >= ? AND received.occurred_at < ?", from, to);
    }

    /** The platform's outbound deliveries (replies on channels that carry them) by status, e.g. "1210 sent, 3 pending". */
    String replies() throws SQLException {
        var byStatus = new StringJoiner(", ");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT status, count(*) FROM delivery GROUP BY status ORDER BY 2 DESC")) {
            while (rows.next()) {
                byStatus.add(rows.getLong(2) + " " + rows.getString(1));
            }
        }
        return byStatus.length() == 0 ? "no outbound deliveries" : "outbound deliveries " + byStatus;
    }

    Counts counts(Collection<UUID> acceptedMessageIds) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE bench_accepted (id uuid PRIMARY KEY)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_accepted VALUES (?)")) {
                for (UUID id : acceptedMessageIds) {
                    insert.setObject(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (ResultSet row = statement.executeQuery("SELECT"
                    + " (SELECT count(*) FROM bench_accepted),"
                    + " (SELECT count(*) FROM bench_accepted a JOIN message m ON m.id = a.id),"
                    + " (SELECT count(*) FROM (SELECT 1 FROM message WHERE direction = 'inbound'"
                    + "   GROUP BY channel, external_id HAVING count(*) > 1) d),"
                    + " (SELECT count(*) FROM message m WHERE m.direction = 'inbound'"
                    + "   AND NOT EXISTS (SELECT 1 FROM bench_accepted a WHERE a.id = m.id)),"
                    + " (SELECT count(*) FROM outbox_event e WHERE e.topic = 'message.received'"
                    + "   AND NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.consumer = '" + FIRST_CONTACT + "' AND p.event_id = e.id)),"
                    + " (SELECT count(*) FROM outbox_consumer_failure WHERE dead_at IS NOT NULL),"
                    + " (SELECT count(*) FROM conversation),"
                    + " (SELECT count(*) FROM conversation WHERE triaged_at IS NULL),"
                    + " (SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE topic = 'message.classified'"
                    + "   GROUP BY aggregate_id HAVING count(*) > 1) t)")) {
                row.next();
                return new Counts(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5),
                        row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(9));
            }
        }
    }

    private Lag lag(String lagsQuery, Instant from, Instant to) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms),"
                        + " percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms), max(lag_ms) FROM (" + lagsQuery + ") lags")) {
            statement.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Lag(row.getLong(1), row.getDouble(2), row.getDouble(3), row.getDouble(4));
            }
        }
    }
}
