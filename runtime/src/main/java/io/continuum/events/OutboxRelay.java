package io.continuum.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves committed outbox rows to the event bus, oldest first. Runs right after a commit that
 * wrote events and every second as a safety net (a crash between commit and relay loses nothing).
 * Rows are claimed with SKIP LOCKED, so several nodes can relay side by side; delivery is
 * at-least-once and consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    /** Deliveries of one event before it is given up (logged); back-off doubles from 2 s, at most 5 min. */
    private static final int MAX_ATTEMPTS = 12;

    private final EntityManager entityManager;
    private final EventBus bus;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final DeliveryFailures failures;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean scheduled = new AtomicBoolean();

    OutboxRelay(EntityManager entityManager, EventBus bus, ObjectMapper objectMapper, Clock clock,
                DeliveryFailures failures) {
        this.failures = failures;
        this.entityManager = entityManager;
        this.bus = bus;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(() -> {
                scheduled.set(false);
                relayAll();
            });
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        relayAll();
    }

    /** Publishes every pending event; returns how many were published. */
    public int relayAll() {
        int total = 0;
        int published;
        do {
            published = QuarkusTransaction.requiringNew().call(this::relayBatch);
            total += published;
        } while (published == BATCH);
        return total;
    }

    @SuppressWarnings("unchecked")
    private int relayBatch() {
        List<OutboxEvent> pending = entityManager.createNativeQuery(
                        "SELECT * FROM outbox_event WHERE published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now()) "
                                + "ORDER BY occurred_at, id "
                                + "LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", OutboxEvent.class)
                .getResultList();
        for (OutboxEvent event : pending) {
            try {
                bus.publish(new DomainEvent(event.id, event.topic, event.aggregateId,
                        objectMapper.valueToTree(event.payload), event.occurredAt));
            } catch (RuntimeException e) {
                LOG.warnf("Consumer failed on event %s (%s); it stays pending and is retried", event.id, event.topic);
                throw e;
            }
            event.attempts++;
            if (failures.takeFailure(event.id) && event.attempts < MAX_ATTEMPTS) {
                long backOffSeconds = Math.min(300, 1L << Math.min(event.attempts, 8));
                event.nextAttemptAt = clock.instant().plusSeconds(backOffSeconds);
            } else {
                if (event.attempts >= MAX_ATTEMPTS) {
                    LOG.errorf("Event %s (%s) failed %d deliveries; giving up on it", event.id, event.topic, event.attempts);
                }
                event.publishedAt = clock.instant();
            }
        }
        return pending.size();
    }
}
