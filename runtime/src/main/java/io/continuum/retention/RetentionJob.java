package io.continuum.retention;

import io.continuum.audit.Actor;
import io.continuum.conversation.ConversationRetention;
import io.continuum.erasure.CustomerErasure;
import io.continuum.erasure.ErasureReason;
import io.continuum.platform.AdvisoryLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies the live retention-policy to every conversation whose content is still held, once a day
 * ({@code continuum.retention.schedule}) on one node of many: a batch of cases is read, then each is decided
 * and applied in a transaction of its own under a lock on the conversation (keep, redact its content, or
 * erase its customer) and the decision logged like every other. What is redacted or erased is no case any
 * more, so nothing is done twice; a case that fails is counted and decided again by the next run.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final int BATCH = 500;

    private final RetentionCases cases;
    private final RetentionPolicy policy;
    private final ConversationRetention conversations;
    private final CustomerErasure erasure;
    private final AdvisoryLocks locks;
    private final Clock clock;

    RetentionJob(RetentionCases cases, RetentionPolicy policy, ConversationRetention conversations,
                 CustomerErasure erasure, AdvisoryLocks locks, Clock clock) {
        this.cases = cases;
        this.policy = policy;
        this.conversations = conversations;
        this.erasure = erasure;
        this.locks = locks;
        this.clock = clock;
    }

    @Scheduled(identity = "retention", cron = "{continuum.retention.schedule}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        claimToday().ifPresent(this::run);
    }

    /** A run started by a person, whatever the day's run did. */
    public RetentionRun runNow(String person) {
        RetentionRun run = QuarkusTransaction.requiringNew().call(() -> start(null, "human:" + person));
        return run(run.id);
    }

    public List<RetentionRun> recentRuns(int limit) {
        return QuarkusTransaction.requiringNew().call(() ->
                RetentionRun.<RetentionRun>find("order by startedAt desc").page(0, limit).list());
    }

    /** The day's run, unless another node (or an earlier firing) already claimed it. */
    private Optional<UUID> claimToday() {
        return QuarkusTransaction.requiringNew().call(() -> {
            locks.lock("retention-daily-run");
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (RetentionRun.count("scheduledDay", today) > 0) {
                return Optional.empty();
            }
            return Optional.of(start(today, "system:retention").id);
        });
    }

    private RetentionRun start(LocalDate scheduledDay, String startedBy) {
        RetentionRun run = new RetentionRun();
        run.id = UUID.randomUUID();
        run.scheduledDay = scheduledDay;
        run.startedBy = startedBy;
        run.startedAt = clock.instant();
        run.persist();
        return run;
    }

    private RetentionRun run(UUID runId) {
        Instant now = clock.instant();
        Counts tally = new Counts();
        Optional<UUID> after = Optional.empty();
        while (true) {
            Optional<UUID> cursor = after;
            List<RetentionCases.RetentionCase> batch = QuarkusTransaction.requiringNew().call(() ->
                    cases.next(cursor, BATCH, now));
            for (RetentionCases.RetentionCase found : batch) {
                decideAndApply(found.conversationId(), now, tally);
            }
            if (batch.size() < BATCH) {
                break;
            }
            after = Optional.of(batch.get(batch.size() - 1).conversationId());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            RetentionRun run = RetentionRun.findById(runId);
            run.evaluated = tally.evaluated;
            run.kept = tally.kept;
            run.redacted = tally.redacted;
            run.erased = tally.erased;
            run.failed = tally.failed;
            run.finishedAt = clock.instant();
            LOG.infof("Retention run %s: %d conversations decided, %d kept, %d redacted, %d customers erased, %d failed",
                    runId, run.evaluated, run.kept, run.redacted, run.erased, run.failed);
            return run;
        });
    }

    private void decideAndApply(UUID conversationId, Instant now, Counts tally) {
        try {
            Optional<RetentionOutcome> outcome = QuarkusTransaction.requiringNew().call(() -> {
                locks.lock("retention:" + conversationId);
                Optional<RetentionCases.RetentionCase> current = cases.current(conversationId, now);
                if (current.isEmpty()) {
                    return Optional.<RetentionOutcome>empty();
                }
                RetentionCases.RetentionCase found = current.get();
                RetentionPolicy.Decided decided = policy.decide(found.inputs());
                Actor actor = Actor.rule(RetentionPolicy.NAME, String.valueOf(decided.evaluation().version()));
                switch (decided.outcome()) {
                    case KEEP -> {
                    }
                    case REDACT_CONTENT -> conversations.redactContent(conversationId, actor);
                    case ERASE_CUSTOMER -> erasure.erase(found.customerId(), ErasureReason.RETENTION_ENDED, actor);
                }
                policy.log(decided, found.inputs(), conversationId);
                return Optional.of(decided.outcome());
            });
            outcome.ifPresent(done -> {
                tally.evaluated++;
                switch (done) {
                    case KEEP -> tally.kept++;
                    case REDACT_CONTENT -> tally.redacted++;
                    case ERASE_CUSTOMER -> tally.erased++;
                }
            });
        } catch (RuntimeException e) {
            tally.failed++;
            LOG.errorf("Retention could not decide about conversation %s: %s", conversationId, e.getClass().getName());
        }
    }

    /** What a run did so far. */
    private static final class Counts {
        int evaluated;
        int kept;
        int redacted;
        int erased;
        int failed;
    }
}
