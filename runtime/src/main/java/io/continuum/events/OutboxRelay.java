package io.continuum.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.platform.NativeStatements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.continuum.platform.OrderlyStop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves committed outbox rows to the event bus. Runs right after a commit that wrote events and
 * every second as a safety net (a crash between commit and relay loses nothing). Events are relayed
 * per aggregate (conversation) under a PostgreSQL advisory lock, oldest first, so the after-commit
 * relay, the sweep and other nodes never relay one aggregate's events side by side and a later
 * event never overtakes an earlier one of the same conversation. Delivery is at-least-once and
 * consumers deduplicate by event id. The outcomes of a batch of the aggregate's events are written
 * together once the batch is delivered (a crash before delivers the batch again): a
 * failing event is retried with backoff without holding up the others, and an event some consumer
 * gave up on (a dead letter, see {@link DeliveryFailures}) is done for everyone else. On Kafka an
 * event is marked published only once the broker acknowledged it; while the broker does not, the
 * round stops and every event waits in the outbox in its order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Aggregates looked at per round, and events read per query while an aggregate's lock is held. */
    private static final int BATCH = 200;
    private static final int PER_AGGREGATE = 100;
    /**
     * How long a stop waits for the event in hand: the first events after a fresh start compile the live policies
     * they need, which took over 10 s on a busy 2-core machine; an orchestrator's default grace period is 30 s.
     */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    /** The lock holder's transaction spans the consumers' own transactions: give slow consumers room. */
    private static final int LOCK_HOLDER_TIMEOUT_SECONDS = 600;

    private final EntityManager entityManager;
    private final EventBus bus;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final DeliveryFailures failures;
    private final OutboxConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final RelayRounds rounds = new RelayRounds();
    /**
     * Set once HTTP is listening: consumers start hand-off processes whose timers are scheduled through this
     * node's own HTTP endpoint, so a backlog relayed earlier in the start (demo data, events left by a crash)
     * would lose those timers to "connection refused".
     */
    private volatile boolean serving;
    /** Set at shutdown: a relay with a backlog would otherwise keep going while the datasource closes under it. */
    private volatile boolean stopping;
    private final AtomicBoolean stopped = new AtomicBoolean();

    OutboxRelay(EntityManager entityManager, EventBus bus, ObjectMapper objectMapper, Clock clock,
                DeliveryFailures failures, OutboxConfig config) {
        this.entityManager = entityManager;
        this.bus = bus;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.failures = failures;
        this.config = config;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        if (!serving || stopping || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                scheduled.set(false);
                relayAllLogged();
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the event is committed: the next start's sweep relays it
        }
    }

    /** Quarkus announces a listening server only to asynchronous observers. */
    void serving(@ObservesAsync HttpServerStart listening) {
        serving = true;
    }

    /**
     * A stop signal: the relay stops before anything else does. Quarkus closes the HTTP server before it announces
     * the shutdown, and a consumer still running then would start a hand-off whose timer, scheduled through this
     * node's own HTTP endpoint, is refused (Kogito then does not store the timer).
     */
    void onStopRequested(@Observes OrderlyStop.StopRequested requested) throws InterruptedException {
        stop(requested.timeLeft(STOP_WAIT));
    }

    void onShutdown(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stop(STOP_WAIT);
    }

    /**
     * Stops between two events, after the rounds in progress (on the worker or the sweep) have recorded what they
     * delivered; what is left stays in the outbox for the next start (or another node). Once: the rounds stay closed.
     */
    private void stop(Duration patience) throws InterruptedException {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        worker.shutdown();
        if (!rounds.closeAndAwait(patience)) {
            LOG.warnf("Outbox relay still busy after %d ms at shutdown; its current event is retried at the next start",
                    patience.toMillis());
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (serving && !stopping) {
            relayAllLogged();
        }
    }

    private void relayAllLogged() {
        if (!rounds.enter()) {
            return;
        }
        try {
            relayAll();
        } catch (RuntimeException e) {
            // e.g. the database is unreachable: the sweep tries again in a second, nothing is lost
            LOG.warnf("Outbox relay round failed: %s", e.getClass().getName());
        } finally {
            rounds.exit();
        }
    }

    /** Publishes every due event; returns how many deliveries were made. */
    public int relayAll() {
        int total = 0;
        while (!stopping) {
            List<UUID> aggregates = QuarkusTransaction.requiringNew().call(this::dueAggregates);
            int round = 0;
            for (UUID aggregate : aggregates) {
                if (stopping) {
                    return total;
                }
                try {
                    round += relayAggregate(aggregate);
                } catch (RuntimeException e) {
                    Optional<EventBus.Unavailable> unavailable = EventBus.Unavailable.in(e);
                    if (unavailable.isPresent()) {
                        // the next aggregates would wait for the broker in vain: the sweep tries again
                        LOG.warnf("%s; %d events relayed this round, the next sweep goes on", unavailable.get().getMessage(),
                                total + round);
                        return total + round;
                    }
                    // e.g. an observer left the lock holder's transaction unusable: the next aggregates still go
                    LOG.warnf("Relaying the events of aggregate %s failed: %s; retried on the next round", aggregate,
                            e.getClass().getName());
                }
            }
            total += round;
            if (aggregates.size() < BATCH || round == 0) {
                return total;
            }
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private List<UUID> dueAggregates() {
        return entityManager.createNativeQuery("""
                        SELECT aggregate_id FROM outbox_event
                        WHERE published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
                        GROUP BY aggregate_id ORDER BY min(occurred_at) LIMIT ?1""", UUID.class)
                .setParameter(1, BATCH)
                .getResultList();
    }

    /**
     * Relays the aggregate's due events while holding its advisory lock; returns 0 at once if another
     * relay holds it. The events are read after the lock is taken, so what another relay finished
     * just before is not delivered twice; and read again until none is due, so events its consumers
     * write meanwhile (the next step of the conversation) follow at once, not at the next sweep.
     */
    int relayAggregate(UUID aggregate) {
        return QuarkusTransaction.requiringNew().timeout(LOCK_HOLDER_TIMEOUT_SECONDS).call(() -> {
            boolean locked = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(?1, 0))")
                    .setParameter(1, "outbox:" + aggregate)
                    .getSingleResult();
            if (!locked) {
                return 0;
            }
            int relayed = 0;
            List<OutboxEvent> due;
            do {
                due = due(aggregate);
                deliverAll(due);
                relayed += due.size();
            } while (!due.isEmpty() && relayed < PER_AGGREGATE * 10 && !stopping);
            return relayed;
        });
    }

    @SuppressWarnings("unchecked")
    private List<OutboxEvent> due(UUID aggregate) {
        entityManager.clear();
        return entityManager.createNativeQuery("""
                        SELECT * FROM outbox_event
                        WHERE aggregate_id = ?1 AND published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
                        ORDER BY occurred_at, id LIMIT ?2""", OutboxEvent.class)
                .setParameter(1, aggregate)
                .setParameter(2, PER_AGGREGATE)
                .getResultList();
    }

    /**
     * Publishes the events one after the other, in their order, until the relay is stopping, and then records every
     * outcome in one transaction: one commit for the batch rather than one per event, which the relay otherwise spent
     * most of its database time on. A crash before that commit delivers the batch again, which consumers absorb (once
     * per consumer by event id); the events delivered before a broker turned unavailable are recorded before the round
     * stops.
     */
    private void deliverAll(List<OutboxEvent> rows) {
        List<UUID> published = new ArrayList<>();
        List<OutboxEvent> again = new ArrayList<>();
        try {
            for (OutboxEvent row : rows) {
                if (stopping) {
                    // the rest keep their place and order in the outbox, for the next start or another node
                    break;
                }
                if (deliver(row)) {
                    published.add(row.id);
                } else {
                    again.add(row);
                }
            }
        } finally {
            record(published, again);
        }
    }

    /** Publishes one event; returns false if a consumer failed on it and wants it again after the backoff. */
    private boolean deliver(OutboxEvent row) {
        DomainEvent event = new DomainEvent(row.id, row.topic, row.aggregateId, objectMapper.valueToTree(row.payload), row.occurredAt);
        try {
            bus.publish(event);
        } catch (EventBus.Unavailable e) {
            // not published and not the event's fault: it keeps its place, and the aggregate's later events wait
            throw e;
        } catch (Throwable e) {
            failures.failed("event-bus", event, e);
        }
        return !failures.takeRetryWanted(row.id);
    }

    private void record(List<UUID> published, List<OutboxEvent> again) {
        if (published.isEmpty() && again.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            if (!published.isEmpty()) {
                NativeStatements.touching(entityManager, """
                                UPDATE outbox_event SET attempts = attempts + 1, published_at = ?1, next_attempt_at = NULL
                                WHERE id IN (?2)""", "outbox_event")
                        .setParameter(1, now)
                        .setParameter(2, published)
                        .executeUpdate();
            }
            for (OutboxEvent row : again) {
                int attempts = row.attempts + 1;
                NativeStatements.touching(entityManager, "UPDATE outbox_event SET attempts = ?1, next_attempt_at = ?2 WHERE id = ?3",
                                "outbox_event")
                        .setParameter(1, attempts)
                        .setParameter(2, now.plus(backoff(attempts)))
                        .setParameter(3, row.id)
                        .executeUpdate();
            }
        });
    }

    /**
     * Relays the event again after the backoff its deliveries so far earned: what a consumer that failed on it
     * asks for when the consumers run elsewhere (Kafka consumer groups). Taken under the aggregate's advisory lock,
     * so it comes after the relay has marked the event published, never before (which would undo the request).
     */
    void deliverAgainLater(DomainEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(hashtextextended(?1, 0)) AS text)")
                    .setParameter(1, "outbox:" + event.aggregateId())
                    .getSingleResult();
            @SuppressWarnings("unchecked")
            List<Number> attempts = entityManager.createNativeQuery("SELECT attempts FROM outbox_event WHERE id = ?1")
                    .setParameter(1, event.id())
                    .getResultList();
            attempts.forEach(made -> entityManager
                    .createNativeQuery("UPDATE outbox_event SET published_at = NULL, next_attempt_at = ?1 WHERE id = ?2")
                    .setParameter(1, clock.instant().plus(backoff(Math.max(made.intValue(), 1))))
                    .setParameter(2, event.id())
                    .executeUpdate());
        });
    }

    private Duration backoff(int attempts) {
        Duration next = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }
}
