package io.continuum.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are a race with another writer, which another attempt in a new transaction wins. */
class ConcurrentUpdateTest {

    @Test
    void aVersionConflictADeadlockAndASerializationFailureAreLostRaces() {
        assertThat(ConcurrentUpdate.causes(new PersistenceException(new OptimisticLockException("stale")))).isTrue();
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        assertThat(ConcurrentUpdate.causes(new PersistenceException(
                new LockAcquisitionException("could not execute statement", deadlock, "UPDATE conversation …")))).isTrue();
        assertThat(ConcurrentUpdate.causes(new RuntimeException(deadlock))).isTrue();
        assertThat(ConcurrentUpdate.causes(new RuntimeException(new SQLException("could not serialize", "40001")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ConcurrentUpdate.causes(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(ConcurrentUpdate.causes(new IllegalStateException("bad input"))).isFalse();
    }
}
