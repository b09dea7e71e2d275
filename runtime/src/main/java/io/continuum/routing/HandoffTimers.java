package io.continuum.routing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.jbpm.process.core.timer.Timer;
import org.jbpm.workflow.instance.node.StateBasedNodeInstance;
import org.kie.kogito.Model;
import org.kie.kogito.internal.process.runtime.KogitoNodeInstance;
import org.kie.kogito.jobs.ExactExpirationTime;
import org.kie.kogito.jobs.JobsService;
import org.kie.kogito.jobs.descriptors.ProcessInstanceJobDescription;
import org.kie.kogito.process.Process;
import org.kie.kogito.process.ProcessInstance;
import org.kie.kogito.process.ProcessInstanceReadMode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Re-arms a hand-off's first-response timer that the jobs service never stored. A hand-off commits its process
 * instance and then asks the jobs service, over HTTP and without waiting, to store the instance's timer: a node killed
 * in between (kill -9, out of memory, power lost) leaves a "Respond to customer" task that would never move to a
 * supervisor. So every minute ({@code continuum.routing.lost-timers.check-every}) a node looks at each hand-off older
 * than {@link #SETTLING} whose timer was not yet seen stored. Its timer stored, or its process past the task (answered,
 * escalated, gone), it is settled and never looked at again. Otherwise its timer is scheduled again with the id and
 * due time the process gave it (the task's start plus {@code firstResponseDue}), so one that fell due meanwhile fires
 * at once, and the next look finds it stored. Nodes share the work: each takes the hand-offs no other node holds.
 */
@ApplicationScoped
public class HandoffTimers {

    private static final Logger LOG = Logger.getLogger(HandoffTimers.class);

    /** Long past the moment the jobs service answers a timer request on a live node. */
    static final Duration SETTLING = Duration.ofMinutes(1);
    static final int BATCH = 200;
    /** The process variable its boundary timer counts from the task's start (processes/agent-handoff.bpmn). */
    private static final String DUE_AFTER_VARIABLE = "firstResponseDue";

    /** What one look at a batch of unsettled hand-offs did, and where the next batch starts. */
    record Look(int lookedAt, int settled, int rearmed, Instant lastCreatedAt, String lastProcessInstanceId) {

        static final Look FIRST = new Look(0, 0, 0, Instant.EPOCH, "");

        Look plus(Look next) {
            return new Look(lookedAt + next.lookedAt, settled + next.settled, rearmed + next.rearmed,
                    next.lastCreatedAt, next.lastProcessInstanceId);
        }
    }

    private final Process<? extends Model> agentHandoff;
    private final JobsService jobs;
    private final EntityManager entityManager;
    private final Clock clock;

    HandoffTimers(@Named("agent-handoff") Process<? extends Model> agentHandoff, JobsService jobs,
                  EntityManager entityManager, Clock clock) {
        this.agentHandoff = agentHandoff;
        this.jobs = jobs;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(every = "{continuum.routing.lost-timers.check-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyMinute() {
        Look look = lookAtUnsettled();
        if (look.rearmed() > 0) {
            LOG.warnf("Scheduled again %d hand-off timers the jobs service had not stored", look.rearmed());
        }
    }

    /** Every hand-off older than {@link #SETTLING} whose timer was not yet seen stored, a batch per transaction. */
    Look lookAtUnsettled() {
        Instant settledBefore = clock.instant().minus(SETTLING);
        Look total = Look.FIRST;
        Look batch;
        do {
            Look after = total;
            batch = QuarkusTransaction.requiringNew().call(() -> lookAtBatch(settledBefore, after));
            total = total.plus(batch);
        } while (batch.lookedAt() == BATCH);
        return total;
    }

    private Look lookAtBatch(Instant settledBefore, Look after) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT process_instance_id, created_at FROM handoff
                        WHERE timer_settled_at IS NULL AND created_at < ?1 AND (created_at, process_instance_id) > (?2, ?3)
                        ORDER BY created_at, process_instance_id LIMIT ?4 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, settledBefore).setParameter(2, after.lastCreatedAt())
                .setParameter(3, after.lastProcessInstanceId()).setParameter(4, BATCH).getResultList();
        if (rows.isEmpty()) {
            return new Look(0, 0, 0, after.lastCreatedAt(), after.lastProcessInstanceId());
        }
        List<String> unsettled = rows.stream().map(row -> (String) row[0]).toList();
        Set<String> withAJob = withAStoredJob(unsettled);
        List<String> settled = new ArrayList<>(withAJob);
        int rearmed = 0;
        for (String processInstanceId : unsettled) {
            if (withAJob.contains(processInstanceId)) {
                continue;
            }
            List<ProcessInstanceJobDescription> timers = timersOf(processInstanceId);
            Set<String> known = storedOrFired(timers);
            List<ProcessInstanceJobDescription> lost = timers.stream().filter(timer -> !known.contains(timer.id())).toList();
            if (lost.isEmpty()) {
                settled.add(processInstanceId);
            }
            lost.forEach(jobs::scheduleJob);
            rearmed += lost.size();
        }
        if (!settled.isEmpty()) {
            entityManager.createNativeQuery("UPDATE handoff SET timer_settled_at = ?1 WHERE process_instance_id = ANY(?2)")
                    .setParameter(1, clock.instant()).setParameter(2, settled.toArray(String[]::new)).executeUpdate();
        }
        Object[] last = rows.get(rows.size() - 1);
        return new Look(rows.size(), settled.size(), rearmed, instant(last[1]), (String) last[0]);
    }

    /**
     * The hand-offs whose process has a timer in the jobs service's table, found by the process instance its callback
     * names: most hand-offs are settled so, without reading their process.
     */
    private Set<String> withAStoredJob(List<String> processInstanceIds) {
        @SuppressWarnings("unchecked")
        List<String> found = entityManager.createNativeQuery("""
                        SELECT DISTINCT recipient -> 'headers' ->> 'processInstanceId' FROM job_details
                        WHERE recipient -> 'headers' ->> 'processInstanceId' = ANY(?1)""")
                .setParameter(1, processInstanceIds.toArray(String[]::new)).getResultList();
        return new HashSet<>(found);
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof java.time.OffsetDateTime offset ? offset.toInstant()
                : timestamp instanceof java.sql.Timestamp sql ? sql.toInstant() : (Instant) timestamp;
    }

    /** The jobs the process instance's waiting nodes expect to fire, as they were scheduled; none once the process ended. */
    private List<ProcessInstanceJobDescription> timersOf(String processInstanceId) {
        Optional<? extends ProcessInstance<? extends Model>> instance =
                agentHandoff.instances().findById(processInstanceId, ProcessInstanceReadMode.READ_ONLY);
        if (instance.isEmpty()) {
            return List.of();
        }
        List<ProcessInstanceJobDescription> timers = new ArrayList<>();
        for (KogitoNodeInstance node : instance.get().findNodes(node -> node instanceof StateBasedNodeInstance)) {
            StateBasedNodeInstance waiting = (StateBasedNodeInstance) node;
            List<String> jobIds = waiting.getTimerInstances();
            if (jobIds == null || jobIds.isEmpty()) {
                continue;
            }
            Instant due = waiting.getTriggerTime().toInstant().plus(dueAfter(instance.get()));
            for (String jobId : jobIds) {
                timers.add(ProcessInstanceJobDescription.newProcessInstanceJobDescriptionBuilder()
                        .id(jobId)
                        .timerId(timerIdOf(waiting, jobId))
                        .expirationTime(ExactExpirationTime.of(due.atZone(ZoneOffset.UTC)))
                        .processInstanceId(processInstanceId)
                        .processId(agentHandoff.id())
                        .nodeInstanceId(waiting.getId())
                        .build());
            }
        }
        return timers;
    }

    private static Duration dueAfter(ProcessInstance<? extends Model> instance) {
        Object dueAfter = instance.variables().toMap().get(DUE_AFTER_VARIABLE);
        return dueAfter == null ? Duration.ZERO : Duration.parse(dueAfter.toString());
    }

    /** The node's record of which of its timers the job stands for; its one timer when the record has none. */
    private static String timerIdOf(StateBasedNodeInstance node, String jobId) {
        String recorded = node.getTimerInstancesReference() == null ? null : node.getTimerInstancesReference().get(jobId);
        if (recorded != null) {
            return recorded;
        }
        return node.getEventBasedNode().getTimers().keySet().stream().map(Timer::getId).findFirst()
                .map(String::valueOf).orElseThrow();
    }

    /**
     * The jobs the jobs service holds, and those a node is firing or fired ({@code process_timer_firing}): the jobs
     * service forgets a job as it fires it, a moment before the process has moved on and forgotten it too.
     */
    private Set<String> storedOrFired(List<ProcessInstanceJobDescription> timers) {
        if (timers.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> known = entityManager.createNativeQuery("""
                        SELECT id FROM job_details WHERE id = ANY(?1)
                        UNION SELECT job_id FROM process_timer_firing WHERE job_id = ANY(?1)""")
                .setParameter(1, timers.stream().map(ProcessInstanceJobDescription::id).toArray(String[]::new))
                .getResultList();
        return new HashSet<>(known);
    }
}
