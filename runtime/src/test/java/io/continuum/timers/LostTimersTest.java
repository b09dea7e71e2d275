package io.continuum.timers;

import io.continuum.platform.SqlValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.kie.kogito.jobs.JobsService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process timer nothing will fire comes back with its id and due time: one the jobs service never stored (the node
 * killed between committing the process and the jobs service storing its timer) or deleted after it was stored (its
 * firing kept failing past the retry window), both made here by cancelling the job through the jobs service, which
 * forgets it in its table and in memory alike; one left stored but due long ago; one claimed by a node that died
 * mid-firing. A hand-off then escalates to a supervisor, a Resolution keeps its next update.
 */
@QuarkusTest
class LostTimersTest {

    @Inject
    LostTimers lostTimers;
    @Inject
    JobsService jobs;
    @Inject
    EntityManager entityManager;
    @Inject
    Clock clock;

    @Test
    void aTimerTheJobsServiceLostIsScheduledAgainForItsDueTimeAndTheTaskMovesToASupervisor() {
        String processInstanceId = startHandoff("PT3S");
        Instant due = handoffWithItsTimerLost(processInstanceId).due();

        await().atMost(Duration.ofSeconds(10)).until(() -> clock.instant().isAfter(due));
        assertThat(tasksOf("supervisor", processInstanceId)).as("nothing else fires the lost timer").isEmpty();

        lostTimers.lookFor(clock.instant());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(tasksOf("supervisor", processInstanceId)).containsExactly("EscalatedRespondToCustomer"));
        assertThat(tasksOf("agent", processInstanceId)).isEmpty();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            lostTimers.lookFor(clock.instant());
            assertThat(settledAt(processInstanceId)).as("escalated: no timer left to watch").isNotNull();
        });
    }

    /**
     * The fault itself, through the jobs service's own retries: a node that claimed the firing died, so this node's
     * firings answer "another node is firing this timer" until the jobs service's retry window (a minute) runs out and
     * it deletes the timer. The claim is dated so that its lease outlives the retries by about a quarter of a minute.
     */
    @Test
    void aTimerTheJobsServiceGaveUpOnAfterItsRetriesIsScheduledAgainAndTheTaskMovesToASupervisor() {
        String processInstanceId = startHandoff("PT3S");
        StoredTimer timer = handoffWithItsTimerStored(processInstanceId);
        Instant claimedAt = clock.instant().plus(Duration.ofSeconds(20));
        claimedByANodeThatDied(timer, claimedAt);
        lostTimers.lookFor(clock.instant());

        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(500))
                .until(() -> fireTime(timer.jobId()) == null);
        assertThat(tasksOf("supervisor", processInstanceId)).as("the jobs service gave up without firing it").isEmpty();
        Instant leaseOver = claimedAt.plus(Duration.ofMinutes(1)).plusSeconds(1);
        await().atMost(Duration.ofSeconds(100)).until(() -> clock.instant().isAfter(leaseOver));
        assertThat(tasksOf("supervisor", processInstanceId)).as("nothing else fires it").isEmpty();

        lostTimers.lookFor(clock.instant());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(tasksOf("supervisor", processInstanceId)).containsExactly("EscalatedRespondToCustomer"));
    }

    @Test
    void aLostTimerNotDueYetIsScheduledAgainWithItsIdAndDueTime() {
        String processInstanceId = startHandoff("PT1H");
        StoredTimer lost = handoffWithItsTimerLost(processInstanceId);

        lostTimers.lookFor(clock.instant());

        awaitScheduledAgainAtItsDueTime(lost);
        assertThat(jobsMentioning(processInstanceId)).isEqualTo(1);
        lostTimers.lookFor(clock.instant());
        assertThat(jobsMentioning(processInstanceId)).as("scheduled again once").isEqualTo(1);
        assertThat(settledAt(processInstanceId)).as("still waiting at its timer").isNull();
        assertThat(tasksOf("agent", processInstanceId)).containsExactly("RespondToCustomer");
    }

    @Test
    void aTimerTheJobsServiceDeletesAfterItWasSeenStoredIsScheduledAgain() {
        String processInstanceId = startHandoff("PT1H");
        StoredTimer timer = handoffWithItsTimerStored(processInstanceId);
        lostTimers.lookFor(clock.instant());
        assertThat(fireTime(timer.jobId())).as("left alone while stored").isEqualTo(timer.due());

        // as the jobs service deletes a timer whose firing kept failing past its retry window
        jobs.cancelJob(timer.jobId());
        await().atMost(Duration.ofSeconds(10)).until(() -> fireTime(timer.jobId()) == null);
        lostTimers.lookFor(clock.instant());

        awaitScheduledAgainAtItsDueTime(timer);
    }

    @Test
    void aStoredTimerDueLongBeforeTheJobsServiceRetriesEndedIsScheduledAgain() {
        String processInstanceId = startHandoff("PT1H");
        StoredTimer timer = handoffWithItsTimerStored(processInstanceId);
        storedAsDueLongAgo(timer);

        lostTimers.lookFor(clock.instant());

        awaitScheduledAgainAtItsDueTime(timer);
        assertThat(jobsMentioning(processInstanceId)).isEqualTo(1);
    }

    @Test
    void aClaimWhoseNodeDiedMidFiringDoesNotKeepALostTimerFromComingBack() {
        String processInstanceId = startHandoff("PT1H");
        StoredTimer lost = handoffWithItsTimerLost(processInstanceId);
        claimedByANodeThatDied(lost, clock.instant().minus(Duration.ofMinutes(2)));

        lostTimers.lookFor(clock.instant());

        awaitScheduledAgainAtItsDueTime(lost);
    }

    @Test
    void aResolutionWhoseUpdateTimerWasLostGetsItBackWithItsIdAndDueTime() {
        String processInstanceId = openResolution();
        StoredTimer lost = timerLost(processInstanceId);

        lostTimers.lookFor(clock.instant());

        awaitScheduledAgainAtItsDueTime(lost);
        assertThat(jobsMentioning(processInstanceId)).isEqualTo(1);
    }

    @Test
    void aResolutionWhoseStoredUpdateTimerIsDueLongBeforeTheJobsServiceRetriesEndedGetsItBack() {
        String processInstanceId = openResolution();
        StoredTimer timer = storedTimerOf(processInstanceId);
        storedAsDueLongAgo(timer);

        lostTimers.lookFor(clock.instant());

        awaitScheduledAgainAtItsDueTime(timer);
        assertThat(jobsMentioning(processInstanceId)).isEqualTo(1);
    }

    @Test
    void anInstanceWhoseTimerCannotBeReadDoesNotStopTheLookAtTheOthers() {
        String unreadable = startHandoff("PT1H");
        handoffWithItsTimerLost(unreadable);
        given().auth().preemptive().basic("admin", "admin").contentType(ContentType.JSON)
                .body(Map.of("conversationId", UUID.randomUUID().toString(), "queue", "billing", "firstResponseDue", "whenever"))
                .when().put("/agent-handoff/{id}", unreadable)
                .then().statusCode(200);
        String readable = startHandoff("PT1H");
        StoredTimer lost = handoffWithItsTimerLost(readable);

        lostTimers.lookFor(clock.instant());

        awaitScheduledAgainAtItsDueTime(lost);
        assertThat(settledAt(unreadable)).as("looked at again next time").isNull();
    }

    @Test
    void aStoredTimerIsLeftAloneAndItsHandoffWatchedWhileItWaits() {
        String processInstanceId = startHandoff("PT1H");
        StoredTimer timer = handoffWithItsTimerStored(processInstanceId);

        lostTimers.lookFor(clock.instant());

        assertThat(settledAt(processInstanceId)).isNull();
        assertThat(fireTime(timer.jobId())).isEqualTo(timer.due());
        assertThat(jobsMentioning(processInstanceId)).isEqualTo(1);
        assertThat(tasksOf("agent", processInstanceId)).containsExactly("RespondToCustomer");
    }

    @Test
    void aHandoffWhoseProcessEndedIsSettled() {
        String gone = UUID.randomUUID().toString();
        recordHandoff(gone);

        lostTimers.lookFor(clock.instant());

        assertThat(settledAt(gone)).isNotNull();
        assertThat(jobsMentioning(gone)).isZero();
    }

    /** The job the jobs service holds or held for a process instance's timer, and when it is due. */
    private record StoredTimer(String jobId, Instant due) {
    }

    /** Waits for the hand-off's timer to be stored, has the jobs service forget it, and records the hand-off. */
    private StoredTimer handoffWithItsTimerLost(String processInstanceId) {
        StoredTimer lost = timerLost(processInstanceId);
        recordHandoff(processInstanceId);
        return lost;
    }

    /** Waits for the hand-off's timer to be stored and records the hand-off. */
    private StoredTimer handoffWithItsTimerStored(String processInstanceId) {
        StoredTimer stored = storedTimerOf(processInstanceId);
        recordHandoff(processInstanceId);
        return stored;
    }

    /** Waits for the process instance's timer to be stored, then has the jobs service forget it. */
    private StoredTimer timerLost(String processInstanceId) {
        StoredTimer stored = storedTimerOf(processInstanceId);
        jobs.cancelJob(stored.jobId());
        await().atMost(Duration.ofSeconds(10)).until(() -> fireTime(stored.jobId()) == null);
        return stored;
    }

    /** Waits for the jobs service to hold the timer again, due when the process gave it (within the second). */
    private void awaitScheduledAgainAtItsDueTime(StoredTimer timer) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Instant fireTime = fireTime(timer.jobId());
            return fireTime != null && Duration.between(timer.due(), fireTime).abs().compareTo(Duration.ofSeconds(1)) < 0;
        });
    }

    private StoredTimer storedTimerOf(String processInstanceId) {
        String jobId = await().atMost(Duration.ofSeconds(10)).until(() -> jobOf(processInstanceId), id -> id != null);
        return new StoredTimer(jobId, fireTime(jobId));
    }

    /** As another node claims a timer's firing (cluster/ProcessTimerFirings) and dies before it fires or releases it. */
    private void claimedByANodeThatDied(StoredTimer timer, Instant claimedAt) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO process_timer_firing (job_id, due_at, node, claimed_at) VALUES (?1, ?2, 'http://gone:8080', ?3)""")
                .setParameter(1, timer.jobId()).setParameter(2, timer.due()).setParameter(3, claimedAt).executeUpdate());
    }

    /** As the jobs service leaves a timer it could not read back to retry: stored, due long ago, scheduled nowhere. */
    private void storedAsDueLongAgo(StoredTimer timer) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE job_details SET fire_time = ?2 WHERE id = ?1")
                .setParameter(1, timer.jobId()).setParameter(2, clock.instant().minus(Duration.ofMinutes(10))).executeUpdate());
    }

    /** @return the process instance of a Resolution opened on a new conversation */
    private String openResolution() {
        String conversationId = receive(inbound("email", sender(uniqueEmail("lost-timer"), null, null, null, null),
                "Hello, the ledger export stops with LedgerTimeoutException")).getString("conversationId");
        String resolutionId = as("agent").body(Map.of("title", "Ledger export fails"))
                .when().post("/api/v1/conversations/{id}/resolution", conversationId)
                .then().statusCode(201).extract().path("id");
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "SELECT process_instance_id FROM resolution WHERE id = ?1").setParameter(1, UUID.fromString(resolutionId))
                .getSingleResult());
    }

    private static String startHandoff(String firstResponseDue) {
        return given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(Map.of("conversationId", UUID.randomUUID().toString(), "queue", "billing",
                        "firstResponseDue", firstResponseDue))
                .when().post("/agent-handoff")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** As a hand-off records it. */
    private void recordHandoff(String processInstanceId) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "INSERT INTO handoff (process_instance_id, conversation_id, queue, created_at) VALUES (?1, ?2, 'billing', ?3)")
                .setParameter(1, processInstanceId).setParameter(2, UUID.randomUUID())
                .setParameter(3, clock.instant().minusSeconds(1)).executeUpdate());
    }

    private String jobOf(String processInstanceId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> ids = entityManager.createNativeQuery("SELECT id FROM job_details WHERE recipient::text LIKE ?1")
                    .setParameter(1, "%" + processInstanceId + "%").getResultList();
            return ids.isEmpty() ? null : (String) ids.get(0);
        });
    }

    private long jobsMentioning(String processInstanceId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM job_details WHERE recipient::text LIKE ?1")
                .setParameter(1, "%" + processInstanceId + "%").getSingleResult()).longValue());
    }

    private Instant fireTime(String jobId) {
        return instantOf("SELECT fire_time FROM job_details WHERE id = ?1", jobId);
    }

    private Instant settledAt(String processInstanceId) {
        return instantOf("SELECT timer_settled_at FROM handoff WHERE process_instance_id = ?1", processInstanceId);
    }

    /** The one timestamp the query selects for the key; null when there is no row or no time. */
    private Instant instantOf(String query, String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery(query).setParameter(1, key).getResultList();
            return rows.isEmpty() ? null : SqlValues.instant(rows.get(0));
        });
    }

    private static List<String> tasksOf(String group, String processInstanceId) {
        List<Map<String, Object>> tasks = given().auth().preemptive().basic("admin", "admin")
                .queryParam("user", group).queryParam("group", group)
                .when().get("/usertasks/instance")
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
        return tasks.stream()
                .filter(task -> processInstanceId.equals(((Map<?, ?>) task.get("metadata")).get("ProcessInstanceId")))
                .map(task -> (String) task.get("taskName"))
                .toList();
    }
}
