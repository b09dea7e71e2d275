package io.continuum.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The platform's database, which the benchmark also writes its baseline into and reads counters from. */
record BenchDatabase(String jdbcUrl, String user, String password) {

    static BenchDatabase of(BenchmarkSettings settings) {
        return new BenchDatabase(settings.jdbcUrl(), settings.databaseUser(), settings.databasePassword());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /**
     * Version plus the settings that decide what a commit costs (whether it waits for the disk),
     * which dominates both the baseline and ingestion.
     */
    String describe() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT split_part(current_setting('server_version'), ' ', 1),"
                     + " current_setting('fsync'), current_setting('synchronous_commit')")) {
            row.next();
            return row.getString(1) + " (fsync=" + row.getString(2) + " synchronous_commit=" + row.getString(3) + ")";
        }
    }
}
