package io.continuum.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Reads what the database did during a measured window from PostgreSQL's own counters
 * ({@code pg_stat_database}), so "statements per message" is measured rather than guessed.
 * Backends report their counters about once a second, so each edge of the window is off by up to
 * a second of work; over a window of many seconds the two errors mostly cancel.
 */
final class DatabaseActivity implements LoadRun.WindowListener {

    /** Cumulative counters of the benchmark database. */
    record Counters(long commits, long rowsInserted, long rowsUpdated, long rowsDeleted) {

        Counters minus(Counters earlier) {
            return new Counters(commits - earlier.commits, rowsInserted - earlier.rowsInserted,
                    rowsUpdated - earlier.rowsUpdated, rowsDeleted - earlier.rowsDeleted);
        }
    }

    /** Events the platform wrote to its outbox, and how many its relay has not published yet. */
    record OutboxBacklog(long written, long unpublished) {
    }

    private final BenchDatabase database;
    private Counters atOpen;
    private Counters atClose;

    DatabaseActivity(BenchDatabase database) {
        this.database = database;
    }

    @Override
    public void opened() {
        atOpen = read();
    }

    @Override
    public void closed() {
        atClose = read();
    }

    /** Empty when a counter could not be read; the figures are then printed without it. */
    Optional<Counters> duringWindow() {
        return atOpen == null || atClose == null ? Optional.empty() : Optional.of(atClose.minus(atOpen));
    }

    /**
     * Reads the platform's outbox table. It belongs to the platform's schema, not to any API, so a
     * renamed table just leaves this figure out.
     */
    Optional<OutboxBacklog> outboxBacklog() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT count(*), count(*) FILTER (WHERE published_at IS NULL) FROM outbox_event")) {
            row.next();
            return Optional.of(new OutboxBacklog(row.getLong(1), row.getLong(2)));
        } catch (SQLException unreadable) {
            return Optional.empty();
        }
    }

    private Counters read() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT xact_commit, tup_inserted, tup_updated, tup_deleted"
                             + " FROM pg_stat_database WHERE datname = current_database()")) {
            row.next();
            return new Counters(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
        } catch (SQLException unreadable) {
            return null;
        }
    }
}
