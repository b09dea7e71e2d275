package io.continuum.resolution.swarm;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The intent-then-outcome log of a swarm's Slack calls. Each write commits on its own, outside the
 * consumer's transaction: when a later call fails and the consumer's work is rolled back, what was
 * already done in Slack stays known.
 */
@ApplicationScoped
class SwarmSteps {

    private final EntityManager entityManager;
    private final Clock clock;

    SwarmSteps(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A step as recorded: {@code done} with its result, or only started (its outcome unknown). */
    record Step(boolean done, String result) {
    }

    /**
     * Runs the call once: a done step answers its recorded result; otherwise the intent is committed,
     * then the call is made ({@code retried} tells it whether an earlier attempt may have happened),
     * and its result is committed.
     */
    String once(UUID resolutionId, String step, Function<Boolean, String> call) {
        Optional<Step> recorded = find(resolutionId, step);
        if (recorded.isPresent() && recorded.get().done()) {
            return recorded.get().result();
        }
        if (recorded.isEmpty()) {
            intend(resolutionId, step);
        }
        String result = call.apply(recorded.isPresent());
        done(resolutionId, step, result);
        return result;
    }

    String once(UUID resolutionId, String step, Supplier<String> call) {
        return once(resolutionId, step, retried -> call.get());
    }

    private Optional<Step> find(UUID resolutionId, String step) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                            "SELECT done_at IS NOT NULL, result FROM swarm_step WHERE resolution_id = ?1 AND step = ?2")
                    .setParameter(1, resolutionId).setParameter(2, step).getResultList();
            return rows.stream().findFirst().map(row -> new Step((Boolean) row[0], (String) row[1]));
        });
    }

    private void intend(UUID resolutionId, String step) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO swarm_step (resolution_id, step, started_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (resolution_id, step) DO NOTHING""")
                .setParameter(1, resolutionId).setParameter(2, step).setParameter(3, clock.instant()).executeUpdate());
    }

    private void done(UUID resolutionId, String step, String result) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE swarm_step SET done_at = ?1, result = ?2 WHERE resolution_id = ?3 AND step = ?4")
                .setParameter(1, clock.instant()).setParameter(2, result == null ? "" : result)
                .setParameter(3, resolutionId).setParameter(4, step).executeUpdate());
    }
}
