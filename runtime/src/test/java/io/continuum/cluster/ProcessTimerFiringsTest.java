package io.continuum.cluster;

import io.continuum.cluster.ProcessTimerFirings.Claim;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim that lets one node fire a process timer several nodes hold (TwoNodeIT shows it with two packaged nodes):
 * one claim wins even when all fire at once, a fired timer is not fired again, a failed firing is free to retry, and
 * a node that died mid-firing does not take the timer with it, nor keep it from being scheduled again.
 */
@QuarkusTest
class ProcessTimerFiringsTest {

    @Inject
    ProcessTimerFirings firings;

    @Inject
    EntityManager entityManager;

    private static final Instant DUE = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void ofNodesFiringATimerAtOnceExactlyOneFiresIt() throws Exception {
        String job = UUID.randomUUID().toString();
        int nodes = 8;
        ExecutorService firing = Executors.newFixedThreadPool(nodes);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Claim>> claims = new ArrayList<>();
            for (int node = 0; node < nodes; node++) {
                claims.add(firing.submit(() -> {
                    go.await();
                    return firings.claim(job, DUE);
                }));
            }
            go.countDown();
            List<Claim> outcomes = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                outcomes.add(claim.get(30, TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(Claim.FIRE::equals).hasSize(1);
            assertThat(outcomes).filteredOn(Claim.FIRING_ELSEWHERE::equals).hasSize(nodes - 1);
        } finally {
            firing.shutdownNow();
        }
    }

    @Test
    void aFiredTimerIsNotFiredAgainButItsNextDueTimeIs() {
        String job = UUID.randomUUID().toString();
        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRE);
        firings.fired(job, DUE);

        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRED_ELSEWHERE);
        claimedLongAgo(job);
        assertThat(firings.claim(job, DUE)).as("a fired timer stays fired, however old").isEqualTo(Claim.FIRED_ELSEWHERE);
        assertThat(firings.claim(job, DUE.plus(1, ChronoUnit.HOURS))).as("a repeating timer's next firing").isEqualTo(Claim.FIRE);
    }

    @Test
    void aFailedFiringIsReleasedForTheRetry() {
        String job = UUID.randomUUID().toString();
        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRE);
        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRING_ELSEWHERE);

        firings.release(job, DUE);

        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRE);
    }

    @Test
    void aTimerWhoseNodeDiedMidFiringIsTakenOverAfterTheLease() {
        String job = UUID.randomUUID().toString();
        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRE);
        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRING_ELSEWHERE);

        claimedLongAgo(job);

        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRE);
        assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRING_ELSEWHERE);
    }

    @Test
    void aTimerCountsAsFiredOrFiringUntilTheLeaseOfAnUnfiredClaimEnds() {
        String fired = UUID.randomUUID().toString();
        String firing = UUID.randomUUID().toString();
        String diedMidFiring = UUID.randomUUID().toString();
        String neverClaimed = UUID.randomUUID().toString();
        for (String job : List.of(fired, firing, diedMidFiring)) {
            assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRE);
        }
        firings.fired(fired, DUE);
        claimedLongAgo(fired);
        claimedLongAgo(diedMidFiring);

        assertThat(QuarkusTransaction.requiringNew().call(() ->
                firings.firedOrFiring(List.of(fired, firing, diedMidFiring, neverClaimed))))
                .containsExactlyInAnyOrder(fired, firing);
    }

    @Test
    void firingsOlderThanADayAreForgottenAndRecentOnesKept() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        for (String job : List.of(old, recent)) {
            assertThat(firings.claim(job, DUE)).isEqualTo(Claim.FIRE);
            firings.fired(job, DUE);
        }
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE process_timer_firing SET fired_at = fired_at - ?2 * interval '1 second' WHERE job_id = ?1")
                .setParameter(1, old).setParameter(2, ProcessTimerFirings.KEPT_FOR.toSeconds() + 60).executeUpdate());

        firings.forgetOldFirings();

        assertThat(firings.claim(recent, DUE)).isEqualTo(Claim.FIRED_ELSEWHERE);
        assertThat(firings.claim(old, DUE)).as("its row is gone").isEqualTo(Claim.FIRE);
    }

    /** As if the claim was made longer ago than the lease: its node died before it fired or released the timer. */
    private void claimedLongAgo(String job) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE process_timer_firing SET claimed_at = claimed_at - ?2 * interval '1 second' WHERE job_id = ?1")
                .setParameter(1, job).setParameter(2, ProcessTimerFirings.LEASE.toSeconds() + 1).executeUpdate());
    }
}
