package io.continuum.timers;

import io.continuum.cluster.ProcessTimerFirings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jbpm.process.core.timer.Timer;
import org.jbpm.workflow.instance.node.StateBasedNodeInstance;
import org.jbpm.workflow.instance.node.TimerNodeInstance;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schedules again the process timers nothing will fire. A process instance commits, then asks the jobs service over
 * HTTP, without waiting, to store the timer of the node it now waits at: a node killed in between (kill -9, out of
 * memory, power lost) leaves the process waiting for a timer that never fires, a hand-off that never moves to a
 * supervisor or a Resolution whose customers stop getting updates. A stored timer can be lost later too: the jobs
 * service deletes a timer whose firing kept failing past its retry window ({@code
 * kogito.jobs-service.maxIntervalLimitToRetryMillis}: a node died mid-firing and its claim outlived the retries, or
 * the process could not be reached), and leaves one stored but unscheduled when it could not read it back to retry.
 * So every minute ({@code continuum.lost-timers.check-every}) a node looks at
 * <ul>
 *   <li>each hand-off still waiting at its timer: processes/agent-handoff.bpmn has one timer, so once the process is
 *       past it (answered, escalated, gone) the hand-off is settled for good;</li>
 *   <li>every open Resolution protocol: processes/resolution.bpmn waits at a new timer after each update, so it is
 *       never settled.</li>
 * </ul>
 * A timer is left alone while the jobs service holds it and its due time is not older than the retry window, or a node
 * fired it or is firing it. Otherwise, once its node has waited for over {@link #SETTLING}, it is scheduled again with
 * the id, node and due time the process gave it (the node's start plus its duration), so one that fell due meanwhile
 * fires at once; scheduling an id the jobs service still holds replaces it. Nodes share the hand-offs (each takes those
 * no other holds); two nodes scheduling the same Resolution timer again send the same job id, which the jobs service
 * stores once, and the firing claim ({@code cluster/ProcessTimerFirings}) lets a timer fire once.
 */
@ApplicationScoped
public class LostTimers {

    private static final Logger LOG = Logger.getLogger(LostTimers.class);

    /** Long past the moment the jobs service answers a timer request on a live node. */
    static final Duration SETTLING = Duration.ofMinutes(1);
    static final int BATCH = 200;
    /** A timer's duration read from a process variable, as both processes write it: {@code #{firstResponseDue}}. */
    private static final Pattern VARIABLE = Pattern.compile("#\\{(\\w+)}");

    /** What a look did: hand-offs settled, timers scheduled again. */
    record Look(int settled, int scheduledAgain) {

        Look plus(Look other) {
            return new Look(settled + other.settled, scheduledAgain + other.scheduledAgain);
        }
    }

    private final Process<? extends Model> agentHandoff;
    private final Process<? extends Model> resolution;
    private final JobsService jobs;
    private final ProcessTimerFirings firings;
    private final Duration retryWindow;
    private final EntityManager entityManager;
    private final Clock clock;

    LostTimers(@Named("agent-handoff") Process<? extends Model> agentHandoff,
               @Named("resolution") Process<? extends Model> resolution, JobsService jobs, ProcessTimerFirings firings,
               @ConfigProperty(name = "kogito.jobs-service.maxIntervalLimitToRetryMillis") long retryWindowMillis,
               EntityManager entityManager, Clock clock) {
        this.agentHandoff = agentHandoff;
        this.resolution = resolution;
        this.jobs = jobs;
        this.firings = firings;
        this.retryWindow = Duration.ofMillis(retryWindowMillis);
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(every = "{continuum.lost-timers.check-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyMinute() {
        Look look = lookFor(clock.instant().minus(SETTLING));
        if (look.scheduledAgain() > 0) {
            LOG.warnf("Scheduled again %d process timers the jobs service had not stored", look.scheduledAgain());
        }
    }

    /** Looks at the hand-offs and Resolutions waiting since before {@code waitingSince} for a timer nothing will fire. */
    Look lookFor(Instant waitingSince) {
        Window window = new Window(waitingSince, waitingSince.minus(retryWindow));
        return handoffs(window).plus(QuarkusTransaction.requiringNew().call(() -> resolutions(window)));
    }

    /**
     * Which timers a look judges: those whose node has waited since before {@code waitingSince}; a stored job due before
     * {@code stuckBefore} is past the jobs service's retries, so nothing fires it.
     */
    private record Window(Instant waitingSince, Instant stuckBefore) {
    }

    /**
     * The waiting hand-offs without a timer to fire, found in one query that reads the jobs service's table once, then
     * judged in batches, each hand-off under its row lock so that nodes share them.
     */
    private Look handoffs(Window window) {
        @SuppressWarnings("unchecked")
        List<String> suspects = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        SELECT h.process_instance_id FROM handoff h
                        WHERE h.timer_settled_at IS NULL AND h.created_at < ?1 AND NOT EXISTS (
                            SELECT 1 FROM job_details j
                            WHERE j.recipient -> 'headers' ->> 'processInstanceId' = h.process_instance_id AND j.fire_time >= ?2)
                        ORDER BY h.created_at""")
                .setParameter(1, window.waitingSince()).setParameter(2, window.stuckBefore()).getResultList());
        Look total = new Look(0, 0);
        for (int from = 0; from < suspects.size(); from += BATCH) {
            List<String> batch = suspects.subList(from, Math.min(from + BATCH, suspects.size()));
            total = total.plus(QuarkusTransaction.requiringNew().call(() -> handoffsIn(batch, window)));
        }
        return total;
    }

    private Look handoffsIn(List<String> suspects, Window window) {
        @SuppressWarnings("unchecked")
        List<String> unsettled = entityManager.createNativeQuery("""
                        SELECT process_instance_id FROM handoff WHERE process_instance_id = ANY(?1) AND timer_settled_at IS NULL
                        FOR UPDATE SKIP LOCKED""")
                .setParameter(1, suspects.toArray(String[]::new)).getResultList();
        List<String> settled = new ArrayList<>();
        int scheduledAgain = 0;
        for (String processInstanceId : unsettled) {
            Found found = scheduleLostTimers(agentHandoff, processInstanceId, window);
            if (found.settled()) {
                settled.add(processInstanceId);
            }
            scheduledAgain += found.scheduledAgain();
        }
        if (!settled.isEmpty()) {
            entityManager.createNativeQuery("UPDATE handoff SET timer_settled_at = ?1 WHERE process_instance_id = ANY(?2)")
                    .setParameter(1, clock.instant()).setParameter(2, settled.toArray(String[]::new)).executeUpdate();
        }
        return new Look(settled.size(), scheduledAgain);
    }

    private Look resolutions(Window window) {
        @SuppressWarnings("unchecked")
        List<String> withoutATimerToFire = entityManager.createNativeQuery("""
                        SELECT CAST(p.id AS text) FROM process_instances p WHERE p.process_id = ?1 AND NOT EXISTS (
                            SELECT 1 FROM job_details j WHERE j.recipient -> 'headers' ->> 'processInstanceId' = CAST(p.id AS text)
                            AND j.fire_time >= ?2)""")
                .setParameter(1, resolution.id()).setParameter(2, window.stuckBefore()).getResultList();
        int scheduledAgain = 0;
        for (String processInstanceId : withoutATimerToFire) {
            scheduledAgain += scheduleLostTimers(resolution, processInstanceId, window).scheduledAgain();
        }
        return new Look(0, scheduledAgain);
    }

    /**
     * What a look at one process instance found: how many of its timers were lost and are scheduled again, and whether
     * it waits at no timer any more (past it, or ended).
     */
    private record Found(int scheduledAgain, boolean settled) {
    }

    private Found scheduleLostTimers(Process<? extends Model> process, String processInstanceId, Window window) {
        Optional<List<ProcessInstanceJobDescription>> timers;
        try {
            timers = waitingTimers(process, processInstanceId, window.waitingSince());
        } catch (RuntimeException unreadable) {
            // one instance that cannot be read (a timer expression we cannot parse) must not stop the look at the others
            LOG.errorf(unreadable, "Could not read the timers of %s process instance %s", process.id(), processInstanceId);
            return new Found(0, false);
        }
        if (timers.isEmpty()) {
            return new Found(0, false);
        }
        Set<String> toFire = stillToFire(timers.get(), window);
        List<ProcessInstanceJobDescription> lost = timers.get().stream().filter(timer -> !toFire.contains(timer.id())).toList();
        lost.forEach(jobs::scheduleJob);
        return new Found(lost.size(), timers.get().isEmpty());
    }

    /**
     * The jobs the instance's waiting nodes expect to fire, as they were scheduled; none once the process ended; empty
     * when a node with a timer started waiting after {@code waitingSince}.
     */
    private Optional<List<ProcessInstanceJobDescription>> waitingTimers(Process<? extends Model> process,
                                                                        String processInstanceId, Instant waitingSince) {
        Optional<? extends ProcessInstance<? extends Model>> instance =
                process.instances().findById(processInstanceId, ProcessInstanceReadMode.READ_ONLY);
        if (instance.isEmpty()) {
            return Optional.of(List.of());
        }
        Map<String, Object> variables = instance.get().variables().toMap();
        List<ProcessInstanceJobDescription> timers = new ArrayList<>();
        for (KogitoNodeInstance node : instance.get().findNodes(node -> node instanceof StateBasedNodeInstance)) {
            StateBasedNodeInstance waiting = (StateBasedNodeInstance) node;
            List<String> boundaryJobs = waiting.getTimerInstances() == null ? List.of() : waiting.getTimerInstances();
            boolean timed = !boundaryJobs.isEmpty() || waiting instanceof TimerNodeInstance;
            if (timed && !waiting.getTriggerTime().toInstant().isBefore(waitingSince)) {
                return Optional.empty();
            }
            if (waiting instanceof TimerNodeInstance timerNode && timerNode.getTimerId() != null) {
                // an intermediate timer event: Kogito schedules it under timer id -1
                due(timerNode, timerNode.getTimerNode().getTimer(), variables).ifPresent(due ->
                        timers.add(description(process, processInstanceId, waiting, timerNode.getTimerId(), "-1", due)));
            }
            for (String jobId : boundaryJobs) {
                Timer timer = boundaryTimer(waiting, jobId);
                due(waiting, timer, variables).ifPresent(due -> timers.add(
                        description(process, processInstanceId, waiting, jobId, String.valueOf(timer.getId()), due)));
            }
        }
        return Optional.of(timers);
    }

    private static ProcessInstanceJobDescription description(Process<? extends Model> process, String processInstanceId,
                                                             StateBasedNodeInstance node, String jobId, String timerId,
                                                             Instant due) {
        return ProcessInstanceJobDescription.newProcessInstanceJobDescriptionBuilder()
                .id(jobId)
                .timerId(timerId)
                .expirationTime(ExactExpirationTime.of(due.atZone(ZoneOffset.UTC)))
                .processInstanceId(processInstanceId)
                .processId(process.id())
                .nodeInstanceId(node.getId())
                .build();
    }

    /** The boundary timer the job stands for: the one the node recorded for it, else the node's only one. */
    private static Timer boundaryTimer(StateBasedNodeInstance node, String jobId) {
        Map<Timer, ?> timers = node.getEventBasedNode().getTimers();
        String recorded = node.getTimerInstancesReference() == null ? null : node.getTimerInstancesReference().get(jobId);
        return timers.keySet().stream().filter(timer -> recorded == null || recorded.equals(String.valueOf(timer.getId())))
                .findFirst().orElseThrow();
    }

    /**
     * When a duration timer falls due: the node's start plus the duration, written out or read from the variable its
     * expression names. Other timers (cycles, dates) are not used by our processes and are left alone.
     */
    private static Optional<Instant> due(StateBasedNodeInstance node, Timer timer, Map<String, Object> variables) {
        if (timer.getTimeType() != Timer.TIME_DURATION || timer.getDelay() == null) {
            LOG.warnf("A lost timer of node %s is not a duration and cannot be scheduled again", node.getNodeDefinitionId());
            return Optional.empty();
        }
        Matcher variable = VARIABLE.matcher(timer.getDelay().trim());
        Object duration = variable.matches() ? variables.get(variable.group(1)) : timer.getDelay().trim();
        if (duration == null || duration.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(node.getTriggerTime().toInstant().plus(Duration.parse(duration.toString())));
    }

    /**
     * Of these timers, those that will fire or fired: held by the jobs service and not past its retries, or fired or
     * being fired by a node ({@code process_timer_firing}: the jobs service forgets a job as it fires it, a moment
     * before the process has moved on and forgotten it too).
     */
    private Set<String> stillToFire(List<ProcessInstanceJobDescription> timers, Window window) {
        if (timers.isEmpty()) {
            return Set.of();
        }
        List<String> jobIds = timers.stream().map(ProcessInstanceJobDescription::id).toList();
        @SuppressWarnings("unchecked")
        List<String> held = entityManager.createNativeQuery("SELECT id FROM job_details WHERE id = ANY(?1) AND fire_time >= ?2")
                .setParameter(1, jobIds.toArray(String[]::new)).setParameter(2, window.stuckBefore()).getResultList();
        Set<String> toFire = new HashSet<>(held);
        toFire.addAll(firings.firedOrFiring(jobIds));
        return toFire;
    }
}
