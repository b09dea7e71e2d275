package io.continuum.sla;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One SLA clock of a conversation: first response, next response or resolution. It fires its
 * warning and its breach each at most once (warnedAt, breachedAt), pauses while the customer is
 * the one to answer, and stops when its goal is met.
 */
@Entity
public class SlaClock extends PanacheEntityBase {

    public static final String FIRST_RESPONSE = "first_response";
    public static final String NEXT_RESPONSE = "next_response";
    public static final String RESOLUTION = "resolution";
    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String STOPPED = "stopped";

    @Id
    public UUID id;
    public UUID conversationId;
    public String kind;
    public String status;
    public String calendar;
    public long targetSeconds;
    public double warningThreshold;
    public int policyVersion;
    public Instant startedAt;
    public Instant warnAt;
    public Instant dueAt;
    public Long warnRemainingSeconds;
    public Long dueRemainingSeconds;
    public Instant pausedAt;
    public Instant warnedAt;
    public Instant breachedAt;
    public Instant stoppedAt;
    public Instant nextFireAt;
    /** The scheduler and the clock-following consumer both write clocks: a stale write must fail, not undo a fired warning. */
    @Version
    public long version;

    /** Starts counting from {@code start} on the calendar: warning at the threshold, breach at the target. */
    void run(Instant start, SlaCalendar on) {
        Duration target = Duration.ofSeconds(targetSeconds);
        warnAt = on.plus(start, Duration.ofMillis(Math.round(target.toMillis() * warningThreshold)));
        dueAt = on.plus(start, target);
        status = RUNNING;
        scheduleNext();
    }

    void pause(Instant now, SlaCalendar on) {
        if (!RUNNING.equals(status)) {
            return;
        }
        warnRemainingSeconds = on.between(now, warnAt).toSeconds();
        dueRemainingSeconds = on.between(now, dueAt).toSeconds();
        pausedAt = now;
        status = PAUSED;
        nextFireAt = null;
    }

    void resume(Instant now, SlaCalendar on) {
        if (!PAUSED.equals(status)) {
            return;
        }
        warnAt = on.plus(now, Duration.ofSeconds(warnRemainingSeconds));
        dueAt = on.plus(now, Duration.ofSeconds(dueRemainingSeconds));
        warnRemainingSeconds = null;
        dueRemainingSeconds = null;
        pausedAt = null;
        status = RUNNING;
        scheduleNext();
    }

    void stop(Instant now) {
        status = STOPPED;
        stoppedAt = now;
        nextFireAt = null;
    }

    void scheduleNext() {
        Instant next = null;
        if (RUNNING.equals(status)) {
            if (warnedAt == null) {
                next = warnAt;
            }
            if (breachedAt == null && (next == null || dueAt.isBefore(next))) {
                next = dueAt;
            }
        }
        nextFireAt = next;
    }
}
