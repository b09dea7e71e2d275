package io.continuum.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Runs a consumer's handling of an event at most once per (consumer, event id), even when
 * the relay delivers the event again after a crash or from a second node. Each handling has
 * its own transaction: one consumer's failure is logged and rolled back without blocking the
 * relay or the other consumers, and the relay delivers the event again later (consumers that
 * already handled it skip it).
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final EntityManager entityManager;
    private final DeliveryFailures failures;
    private final Clock clock;

    IdempotentConsumer(EntityManager entityManager, DeliveryFailures failures, Clock clock) {
        this.entityManager = entityManager;
        this.failures = failures;
        this.clock = clock;
    }

    /** @return true if the handler ran and committed, false if already handled or if it failed */
    public boolean handleOnce(String consumer, DomainEvent event, Runnable handler) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                int inserted = entityManager.createNativeQuery(
                                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3) "
                                        + "ON CONFLICT DO NOTHING")
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
        } catch (RuntimeException e) {
            LOG.errorf("Consumer %s failed on event %s (%s): %s; it will be delivered again", consumer, event.id(),
                    event.topic(), e.getClass().getName());
            LOG.debug("Consumer failure detail", e);
            failures.failed(event.id());
            return false;
        }
    }
}
