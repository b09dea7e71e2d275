package io.continuum.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One pass of the retention job over every conversation and what it did. The daily run claims its
 * {@code scheduledDay} (unique), so of several nodes only one runs it; a run an admin starts has none.
 */
@Entity
public class RetentionRun extends PanacheEntityBase {

    @Id
    public UUID id;
    public LocalDate scheduledDay;
    public String startedBy;
    public Instant startedAt;
    public Instant finishedAt;
    public int evaluated;
    public int kept;
    public int redacted;
    public int erased;
    /** Conversations whose decision failed (logged by id); the next run decides about them again. */
    public int failed;
}
