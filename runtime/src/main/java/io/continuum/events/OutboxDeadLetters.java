package io.continuum.events;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.platform.SqlValues;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events a consumer gave up on after its retry budget: listed for supervisors, and retried on request
 * (the event is relayed again; consumers that handled it skip it, the retried one gets a full new budget).
 */
@ApplicationScoped
public class OutboxDeadLetters {

    private final EntityManager entityManager;
    private final AuditTrail audit;
    private final Clock clock;

    OutboxDeadLetters(EntityManager entityManager, AuditTrail audit, Clock clock) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.clock = clock;
    }

    public record DeadLetter(UUID id, String consumer, UUID eventId, String topic, UUID aggregateId, int attempts,
                             String lastError, Instant firstFailedAt, Instant lastFailedAt, Instant deadAt,
                             Instant retriedAt, String retriedBy) {
    }

    private static final String SELECT = """
            SELECT f.id, f.consumer, f.event_id, e.topic, e.aggregate_id, f.attempts, f.last_error, f.first_failed_at,
                   f.last_failed_at, f.dead_at, f.retried_at, f.retried_by
            FROM outbox_consumer_failure f LEFT JOIN outbox_event e ON e.id = f.event_id
            """;

    @Transactional
    public List<DeadLetter> list(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(SELECT + "WHERE f.dead_at IS NOT NULL ORDER BY f.dead_at DESC LIMIT ?1")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream().map(OutboxDeadLetters::deadLetter).toList();
    }

    @Transactional
    public DeadLetter retry(UUID id, String supervisor) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(SELECT + "WHERE f.id = ?1 FOR UPDATE OF f")
                .setParameter(1, id)
                .getResultList();
        DeadLetter deadLetter = rows.stream().findFirst().map(OutboxDeadLetters::deadLetter)
                .orElseThrow(() -> ProblemException.notFound("Dead letter", id));
        if (deadLetter.deadAt() == null) {
            throw ProblemException.conflict("not-a-dead-letter", "Dead letter " + id + " is being retried already");
        }
        if (deadLetter.topic() == null) {
            throw ProblemException.conflict("event-gone", "The event of dead letter " + id + " no longer exists");
        }
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                        UPDATE outbox_consumer_failure SET attempts = 0, dead_at = NULL, retried_at = ?1, retried_by = ?2
                        WHERE id = ?3""")
                .setParameter(1, now)
                .setParameter(2, supervisor)
                .setParameter(3, id)
                .executeUpdate();
        entityManager.createNativeQuery("UPDATE outbox_event SET published_at = NULL, attempts = 0, next_attempt_at = ?1 WHERE id = ?2")
                .setParameter(1, now)
                .setParameter(2, deadLetter.eventId())
                .executeUpdate();
        audit.record("outbox_dead_letter", id, "retried", Actor.human(supervisor),
                Map.of("consumer", deadLetter.consumer(), "deadAt", deadLetter.deadAt().toString()),
                Map.of("consumer", deadLetter.consumer(), "eventId", deadLetter.eventId().toString()));
        return new DeadLetter(id, deadLetter.consumer(), deadLetter.eventId(), deadLetter.topic(), deadLetter.aggregateId(), 0,
                deadLetter.lastError(), deadLetter.firstFailedAt(), deadLetter.lastFailedAt(), null, now, supervisor);
    }

    private static DeadLetter deadLetter(Object[] row) {
        return new DeadLetter((UUID) row[0], (String) row[1], (UUID) row[2], (String) row[3], (UUID) row[4],
                ((Number) row[5]).intValue(), (String) row[6], SqlValues.instant(row[7]), SqlValues.instant(row[8]),
                SqlValues.instant(row[9]), SqlValues.instant(row[10]), (String) row[11]);
    }
}
