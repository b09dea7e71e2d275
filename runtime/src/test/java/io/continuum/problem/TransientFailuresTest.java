package io.continuum.problem;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A request that fails because PostgreSQL is unreachable answers 503 with Retry-After, a lost race 409, neither 500. */
class TransientFailuresTest {

    private static Response answer(Exception failure) {
        return new ProblemExceptionMappers.UnexpectedMapper().toResponse(failure);
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfter() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        Response response = answer(new PersistenceException(new JDBCConnectionException("unable to obtain connection", refused)));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(((Problem) response.getEntity()).type().toString()).endsWith("database-unavailable");
    }

    @Test
    void aServerShuttingDownOrAnExhaustedPoolIs503Too() {
        assertThat(answer(new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")))
                .getStatus()).isEqualTo(503);
        assertThat(answer(new IllegalStateException(new SQLException("Acquisition timeout while waiting for new connection")))
                .getStatus()).isEqualTo(503);
    }

    @Test
    void aLostRaceWithAnotherWriterIs409NotAServerError() {
        Response response = answer(new RuntimeException(new jakarta.persistence.OptimisticLockException("row was updated")));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(((Problem) response.getEntity()).type().toString()).endsWith("concurrent-update");
    }

    @Test
    void aDeadlockOrASerializationFailureTheDatabaseBrokeIs409Too() {
        assertThat(answer(new RuntimeException(new SQLException("deadlock detected", "40P01"))).getStatus()).isEqualTo(409);
        assertThat(answer(new RuntimeException(new SQLException("could not serialize access", "40001"))).getStatus())
                .isEqualTo(409);
    }

    @Test
    void otherFailuresStay500() {
        assertThat(answer(new IllegalStateException("a bug")).getStatus()).isEqualTo(500);
        assertThat(answer(new RuntimeException(new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION))).getStatus())
                .isEqualTo(500);
    }
}
