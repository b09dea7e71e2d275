package io.continuum.sla;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversations;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fires SLA warnings and breaches on time. Every second it claims the clocks whose next_fire_at
 * has passed (an index range scan, FOR UPDATE SKIP LOCKED, so nodes share the work and never fire
 * one twice), marks what fired and writes the sla.warning / sla.breached event through the outbox
 * in the same transaction: each fires exactly once, also when it fell due while the platform was down.
 */
@ApplicationScoped
public class SlaClockScheduler {

    private static final Logger LOG = Logger.getLogger(SlaClockScheduler.class);

    /**
     * Claims up to ?2 clocks whose next moment (?1 now) has come, in the order they fell due. Public so that
     * bench/routing.sh measures this very statement.
     */
    public static final String DUE_CLOCKS = """
            SELECT * FROM sla_clock WHERE next_fire_at <= ?1
            ORDER BY next_fire_at LIMIT ?2 FOR UPDATE SKIP LOCKED""";

    private final EntityManager entityManager;
    private final Conversations conversations;
    private final Outbox outbox;
    private final SlaConfig config;
    private final Clock clock;

    SlaClockScheduler(EntityManager entityManager, Conversations conversations, Outbox outbox, SlaConfig config,
                      Clock clock) {
        this.entityManager = entityManager;
        this.conversations = conversations;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${continuum.sla.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fireDueClocks() {
        try {
            int claimed;
            do {
                claimed = QuarkusTransaction.requiringNew().call(this::fireBatch);
            } while (claimed == config.batchSize());
        } catch (RuntimeException e) {
            LOG.warn("Firing SLA clocks failed; the next pass retries them", e);
        }
    }

    /** @return how many clocks were claimed */
    int fireBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<SlaClock> due = entityManager.createNativeQuery(DUE_CLOCKS, SlaClock.class)
                .setParameter(1, now).setParameter(2, config.batchSize()).getResultList();
        for (SlaClock slaClock : due) {
            if (slaClock.warnedAt == null && !slaClock.warnAt.isAfter(now)) {
                slaClock.warnedAt = now;
                outbox.publish(Topics.SLA_WARNING, slaClock.conversationId, payload(slaClock, now));
            }
            if (slaClock.breachedAt == null && !slaClock.dueAt.isAfter(now)) {
                slaClock.breachedAt = now;
                outbox.publish(Topics.SLA_BREACHED, slaClock.conversationId, payload(slaClock, now));
                // a conversation erased on request leaves no row to mark
                conversations.changeIfPresent(slaClock.conversationId,
                        (conversation, at) -> conversation.markSlaBreached(slaClock.kind, Actor.system("sla-clocks")));
            }
            slaClock.scheduleNext();
        }
        return due.size();
    }

    /** Published on {@code Topics.SLA_WARNING} and {@code Topics.SLA_BREACHED}. */
    record ClockFired(UUID conversationId, UUID clockId, String clock, String warnAt, String dueAt, String firedAt,
                      String calendar, int policyVersion) {
    }

    private static ClockFired payload(SlaClock slaClock, Instant firedAt) {
        return new ClockFired(slaClock.conversationId, slaClock.id, slaClock.kind, slaClock.warnAt.toString(),
                slaClock.dueAt.toString(), firedAt.toString(), slaClock.calendar, slaClock.policyVersion);
    }
}
