package io.continuum.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a consumer's failures on an event, each in its own transaction (whatever state the failed
 * handling left its own transaction in), and turns the failure into a dead letter after the retry
 * budget. On the in-process bus consumers run synchronously on the relay's thread, so the relay learns
 * right after publishing whether some consumer still wants the event again; on Kafka the consumer group
 * that delivered the event asks right after its observer returned ({@link KafkaConsumerGroup}).
 */
@ApplicationScoped
public class DeliveryFailures {

    private static final Logger LOG = Logger.getLogger(DeliveryFailures.class);
    private static final int MAX_ERROR_LENGTH = 500;

    /**
     * Per event and delivering thread: an event's consumers run on the thread that delivered it (the relay's, or a
     * Kafka consumer group's), which then asks; another thread delivering the same event must not take the answer.
     */
    private final Set<RetryWanted> retryWanted = ConcurrentHashMap.newKeySet();

    private record RetryWanted(UUID eventId, Thread deliveredOn) {
    }

    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final MeterRegistry meters;
    private final Clock clock;

    DeliveryFailures(EntityManager entityManager, OutboxConfig config, MeterRegistry meters, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.meters = meters;
        this.clock = clock;
    }

    /** Records that {@code consumer} failed on the event; it is delivered again unless the budget is spent. */
    void failed(String consumer, DomainEvent event, Throwable thrown) {
        Throwable error = thrown instanceof QuarkusTransactionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        meters.counter("continuum.outbox.consumer.failures", "consumer", consumer).increment();
        LOG.errorf("Consumer %s failed on event %s (%s): %s", consumer, event.id(), event.topic(), error.getClass().getName());
        LOG.debug("Consumer failure detail", error);
        try {
            Outcome outcome = QuarkusTransaction.requiringNew().call(() -> count(consumer, event.id(), describe(error)));
            if (outcome == Outcome.ALREADY_DEAD) {
                return;
            }
            if (outcome == Outcome.DEAD_NOW) {
                meters.counter("continuum.outbox.dead.letters", "consumer", consumer).increment();
                LOG.errorf("DEAD LETTER: consumer %s gave up on event %s (%s) after %d attempts; the other consumers "
                                + "are not held up. Inspect GET /api/v1/outbox/dead-letters, retry with POST "
                                + "/api/v1/outbox/dead-letters/{id}/retry", consumer, event.id(), event.topic(),
                        config.maxAttempts());
                return;
            }
        } catch (RuntimeException bookkeeping) {
            // The failure could not be counted (database unavailable): the event stays pending, it is not lost
            LOG.errorf("Could not record the failure of consumer %s on event %s: %s", consumer, event.id(),
                    bookkeeping.getClass().getName());
        }
        retryWanted.add(new RetryWanted(event.id(), Thread.currentThread()));
    }

    /** True once if some consumer failed on the event in the delivery this thread just made and wants it again. */
    boolean takeRetryWanted(UUID eventId) {
        return retryWanted.remove(new RetryWanted(eventId, Thread.currentThread()));
    }

    private enum Outcome { RETRY, DEAD_NOW, ALREADY_DEAD }

    private Outcome count(String consumer, UUID eventId, String error) {
        Instant now = clock.instant();
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        INSERT INTO outbox_consumer_failure (id, consumer, event_id, attempts, last_error, first_failed_at, last_failed_at)
                        VALUES (?1, ?2, ?3, 1, ?4, ?5, ?5)
                        ON CONFLICT (consumer, event_id) DO UPDATE SET attempts = outbox_consumer_failure.attempts + 1,
                            last_error = EXCLUDED.last_error, last_failed_at = EXCLUDED.last_failed_at
                        RETURNING attempts, dead_at IS NOT NULL""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, consumer)
                .setParameter(3, eventId)
                .setParameter(4, error)
                .setParameter(5, now)
                .getSingleResult();
        int attempts = ((Number) row[0]).intValue();
        boolean alreadyDead = (Boolean) row[1];
        if (alreadyDead) {
            // an observer outside handleOnce is called again while another consumer is retried: it stays dead
            return Outcome.ALREADY_DEAD;
        }
        if (attempts < config.maxAttempts()) {
            return Outcome.RETRY;
        }
        entityManager.createNativeQuery("UPDATE outbox_consumer_failure SET dead_at = ?1 WHERE consumer = ?2 AND event_id = ?3")
                .setParameter(1, now)
                .setParameter(2, consumer)
                .setParameter(3, eventId)
                .executeUpdate();
        return Outcome.DEAD_NOW;
    }

    /**
     * The error's type and the first line of its message, for the supervisor-only dead-letter list; logs name
     * the type only, as messages (of database errors especially) can quote customer data.
     */
    private static String describe(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        String text = error.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
