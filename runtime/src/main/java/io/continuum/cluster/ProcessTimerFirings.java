package io.continuum.cluster;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lets one node fire a process timer that several nodes hold. The node that scheduled a timer keeps it in memory
 * when it falls due soon, and the jobs service's leader loads every stored timer falling due soon and holds it too:
 * with several nodes both fire it at the same instant. Before triggering the process, a node claims the timer's due
 * time in the database; the first claim wins. A claim whose node neither fired nor released it within the lease
 * (the node died mid-firing) may be taken over, so a timer is never lost with its node.
 */
@ApplicationScoped
public class ProcessTimerFirings {

    /** Longer than the jobs service waits for a timer's HTTP call to answer, so a live firing is never taken over. */
    static final Duration LEASE = Duration.ofMinutes(1);
    /** How long fired claims are kept to refuse late duplicates (a node that held the timer fires it at most seconds later). */
    static final Duration KEPT_FOR = Duration.ofDays(1);

    /** What a node may do with a timer that fell due. */
    public enum Claim {
        /** This node fires it. */
        FIRE,
        /** Another node fired it: nothing left to do. */
        FIRED_ELSEWHERE,
        /** Another node is firing it: try again later (it may fail and release it). */
        FIRING_ELSEWHERE
    }

    private final EntityManager entityManager;
    private final Clock clock;
    private final String thisNode;

    ProcessTimerFirings(EntityManager entityManager, Clock clock, @ConfigProperty(name = "kogito.service.url") String thisNode) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.thisNode = thisNode;
    }

    public Claim claim(String jobId, Instant dueAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object> claimed = entityManager.createNativeQuery("""
                            INSERT INTO process_timer_firing (job_id, due_at, node, claimed_at) VALUES (?1, ?2, ?3, ?4)
                            ON CONFLICT (job_id, due_at) DO UPDATE SET node = excluded.node, claimed_at = excluded.claimed_at
                            WHERE process_timer_firing.fired_at IS NULL AND process_timer_firing.claimed_at < ?5
                            RETURNING node""")
                    .setParameter(1, jobId).setParameter(2, dueAt).setParameter(3, thisNode).setParameter(4, now)
                    .setParameter(5, now.minus(LEASE)).getResultList();
            if (!claimed.isEmpty()) {
                return Claim.FIRE;
            }
            Object firedAt = entityManager.createNativeQuery(
                            "SELECT fired_at FROM process_timer_firing WHERE job_id = ?1 AND due_at = ?2")
                    .setParameter(1, jobId).setParameter(2, dueAt).getSingleResult();
            return firedAt == null ? Claim.FIRING_ELSEWHERE : Claim.FIRED_ELSEWHERE;
        });
    }

    /** The process took the timer: later firings of it by other nodes are refused. */
    public void fired(String jobId, Instant dueAt) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE process_timer_firing SET fired_at = ?3 WHERE job_id = ?1 AND due_at = ?2 AND node = ?4")
                .setParameter(1, jobId).setParameter(2, dueAt).setParameter(3, clock.instant()).setParameter(4, thisNode)
                .executeUpdate());
    }

    /** Firing failed here: whichever node retries it first may claim it at once. */
    public void release(String jobId, Instant dueAt) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "DELETE FROM process_timer_firing WHERE job_id = ?1 AND due_at = ?2 AND node = ?3 AND fired_at IS NULL")
                .setParameter(1, jobId).setParameter(2, dueAt).setParameter(3, thisNode).executeUpdate());
    }

    /**
     * Of these timers, those a node fired or is firing (claimed within the lease). A claim whose node died mid-firing
     * is neither: once the jobs service gave up retrying the timer, nothing fires it unless it is scheduled again.
     */
    public Set<String> firedOrFiring(Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> known = entityManager.createNativeQuery("""
                        SELECT job_id FROM process_timer_firing
                        WHERE job_id = ANY(?1) AND (fired_at IS NOT NULL OR claimed_at >= ?2)""")
                .setParameter(1, jobIds.toArray(String[]::new)).setParameter(2, clock.instant().minus(LEASE))
                .getResultList();
        return new HashSet<>(known);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldFirings() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "DELETE FROM process_timer_firing WHERE fired_at < ?1")
                .setParameter(1, clock.instant().minus(KEPT_FOR)).executeUpdate());
    }
}
