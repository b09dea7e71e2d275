package io.continuum.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query rows, whichever Java type the JDBC driver and Hibernate hand a column as. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamptz column: Instant, OffsetDateTime or Timestamp depending on the query; null stays null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
