package io.continuum.automations;

import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import io.continuum.decisions.Decision;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Time-elapsed automations ("pending on the customer for 48 hours → remind them"): every
 * {@code continuum.automations.time-poll-interval} each unresolved conversation is evaluated with the live table,
 * under its row lock, with event type time-elapsed. A fired row runs only if it claims its
 * (row, conversation, window) row in automation_firing, in the transaction of its actions; the window is when the
 * conversation entered its current state. So each fires once per window: on a second pass, after a restart, and
 * with several nodes passing at the same time, the claim is already taken.
 */
@ApplicationScoped
public class TimeBasedAutomations {

    private static final Logger LOG = Logger.getLogger(TimeBasedAutomations.class);
    static final String TRIGGER = "time-elapsed";
    private static final int BATCH = 200;

    private final Conversations conversations;
    private final AutomationFacts facts;
    private final AutomationsPolicy policy;
    private final AutomationRunner runner;
    private final EntityManager entityManager;
    private final Clock clock;

    TimeBasedAutomations(Conversations conversations, AutomationFacts facts, AutomationsPolicy policy,
                         AutomationRunner runner, EntityManager entityManager, Clock clock) {
        this.conversations = conversations;
        this.facts = facts;
        this.policy = policy;
        this.runner = runner;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(identity = "time-based-automations", every = "${continuum.automations.time-poll-interval:60s}",
            delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pass() {
        evaluateAt(clock.instant());
    }

    /**
     * One pass over every unresolved conversation as of {@code now}, unless no row of the live table can fire on
     * time elapsing (each evaluation locks a conversation, and there may be thousands); @return how many rows fired
     */
    public int evaluateAt(Instant now) {
        if (!policy.mayFireOn(TRIGGER)) {
            return 0;
        }
        int fired = 0;
        Optional<UUID> after = Optional.empty();
        while (true) {
            Optional<UUID> cursor = after;
            List<UUID> batch = QuarkusTransaction.requiringNew().call(() ->
                    conversations.unresolved(cursor, BATCH).stream().map(conversation -> conversation.id).toList());
            for (UUID conversationId : batch) {
                try {
                    fired += QuarkusTransaction.requiringNew().call(() -> evaluate(conversationId, now));
                } catch (RuntimeException e) {
                    LOG.errorf("Time-based automations failed on conversation %s (%s); the next pass tries again",
                            conversationId, e.getClass().getName());
                }
            }
            if (batch.size() < BATCH) {
                return fired;
            }
            after = Optional.of(batch.get(batch.size() - 1));
        }
    }

    private int evaluate(UUID conversationId, Instant now) {
        Conversation conversation = conversations.requireForUpdate(conversationId);
        AutomationsPolicy.Facts current = facts.of(conversation, TRIGGER, now);
        Decision evaluation = policy.evaluate(current);
        Instant window = facts.enteredState(conversation).orElse(conversation.createdAt);
        List<AutomationsPolicy.Fired> firstInWindow = AutomationsPolicy.fired(evaluation).stream()
                .filter(row -> claim(row.rowId(), conversationId, window, now)).toList();
        if (firstInWindow.isEmpty()) {
            return 0;
        }
        UUID decisionId = policy.log(current, evaluation, conversationId);
        runner.execute(conversationId, firstInWindow,
                new AutomationActions.Run(TRIGGER, null, decisionId, evaluation.version(), now));
        return firstInWindow.size();
    }

    /** @return false when the row already fired on the conversation in this window */
    private boolean claim(String rowId, UUID conversationId, Instant window, Instant now) {
        return entityManager.createNativeQuery("""
                        INSERT INTO automation_firing (row_id, conversation_id, window_start, fired_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, rowId).setParameter(2, conversationId).setParameter(3, window).setParameter(4, now)
                .executeUpdate() == 1;
    }
}
