package io.continuum.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: what the same PostgreSQL does when each request is a single-row insert in its
 * own transaction (autocommit). Ingestion can hardly beat it, since every message is at least one
 * commit; the ratio says how much the message pipeline costs on top of a bare commit.
 */
final class RawInserts implements AutoCloseable {

    private static final String TABLE = "bench_raw_insert";
    private static final String INSERT = "INSERT INTO " + TABLE + " (id, payload, created_at) VALUES (?, ?, now())";

    private final BenchDatabase database;
    private final AtomicLong sequence = new AtomicLong();

    private RawInserts(BenchDatabase database) {
        this.database = database;
    }

    /** Creates the scratch table afresh; {@link #close()} drops it again. */
    static RawInserts prepare(BenchDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (id uuid PRIMARY KEY, payload text, created_at timestamptz)");
        }
        return new RawInserts(database);
    }

    /** Each worker has its own connection, as each request handler in the app has its own. */
    LoadRun.Operation inserter() throws SQLException {
        Connection connection = database.connect();
        connection.setAutoCommit(true);
        PreparedStatement insert = connection.prepareStatement(INSERT);
        return new LoadRun.Operation() {
            @Override
            public void perform() throws SQLException {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "benchmark message " + sequence.incrementAndGet());
                insert.executeUpdate();
            }

            @Override
            public void close() throws SQLException {
                connection.close(); // and with it the prepared statement
            }
        };
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }
}
