package io.continuum.events;

import io.continuum.platform.ConcurrentUpdates;
import io.continuum.platform.NativeStatements;
import io.continuum.problem.ConcurrentUpdate;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;

/**
 * Runs a consumer's handling of an event at most once per (consumer, event id), even when
 * the relay delivers the event again after a crash or from a second node. Each handling has
 * its own transaction: whatever it throws (an {@link Error} included) is rolled back and counted
 * in a transaction of its own, without blocking the relay or the other consumers; the relay
 * delivers the event again later (consumers that already handled it skip it) until the retry
 * budget makes it a dead letter for this consumer, which then skips it until a supervisor retries.
 */
@ApplicationScoped
public class IdempotentConsumer {

    /** Runs of one handling when it loses a race with a concurrent writer, before it counts as a failure. */
    private static final int CONFLICT_RETRIES = 3;

    private final EntityManager entityManager;
    private final DeliveryFailures failures;
    private final Clock clock;

    IdempotentConsumer(EntityManager entityManager, DeliveryFailures failures, Clock clock) {
        this.entityManager = entityManager;
        this.failures = failures;
        this.clock = clock;
    }

    /** @return true if the handler ran and committed, false if already handled, dead-lettered or if it failed */
    public boolean handleOnce(String consumer, DomainEvent event, Runnable handler) {
        for (int attempt = 1; ; attempt++) {
            try {
                return handleInTransaction(consumer, event, handler);
            } catch (Throwable e) {
                if (attempt < CONFLICT_RETRIES && ConcurrentUpdate.causes(e)) {
                    // another path updated the same rows (optimistic version, deadlock): run again on fresh state
                    ConcurrentUpdates.backOff(attempt);
                    continue;
                }
                failures.failed(consumer, event, e);
                return false;
            }
        }
    }

    private boolean handleInTransaction(String consumer, DomainEvent event, Runnable handler) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // one statement, before the handler while the session holds nothing (a native statement after it would make
            // Hibernate dirty-check everything the handler loaded once more): claim the event unless it is a dead letter,
            // and clear a failure of an earlier delivery; the handler failing rolls both back
            int inserted = NativeStatements.touching(entityManager, """
                            WITH cleared AS (DELETE FROM outbox_consumer_failure
                                WHERE consumer = ?1 AND event_id = ?2 AND dead_at IS NULL)
                            INSERT INTO processed_event (consumer, event_id, processed_at)
                            SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM outbox_consumer_failure f
                                WHERE f.consumer = ?1 AND f.event_id = ?2 AND f.dead_at IS NOT NULL)
                            ON CONFLICT DO NOTHING""", "processed_event", "outbox_consumer_failure")
                    .setParameter(1, consumer)
                    .setParameter(2, event.id())
                    .setParameter(3, clock.instant())
                    .executeUpdate();
            if (inserted == 0) {
                return false;
            }
            handler.run();
            return true;
        });
    }
}
