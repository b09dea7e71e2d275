package io.continuum.platform;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import sun.misc.Signal;

import java.time.Duration;
import java.util.List;

/**
 * A stop signal (SIGTERM from an operator or an orchestrator, SIGINT from Ctrl-C) stops the application first and only
 * then lets the JVM run its shutdown hooks.
 * <p>
 * First the scheduled jobs are paused and the work that starts other work stops ({@link StopRequested}: the outbox
 * relay and the Kafka consumers, whose hand-offs schedule their timers through this node's HTTP endpoint, which
 * Quarkus closes before its {@code ShutdownEvent}; the demo history's writers), the timer requests already sent are
 * answered; then the application stops. Those waits share one budget, {@code continuum.stop.grace-period}: each waits
 * for its own work at most as long as it needs and as much of the budget as the waits before it left, so a stop
 * ends before an orchestrator's grace period runs out and it kills the process (the work cut off is done again
 * at the next start; a process timer whose request was cut off is scheduled again by {@code timers/LostTimers}).
 * <p>
 * Why: the embedded PostgreSQL library registers a shutdown hook of its own that stops the database at once, and the
 * JVM runs every hook side by side. On a signal the database went away while the application was still stopping: the
 * consumers, scheduled jobs and Kogito's job service still working had their connections terminated and failed,
 * logged as errors (their transactions rolled back; the events were delivered again at the next start). Stopped
 * first, the application finishes on a live database, and the embedded database is closed last, by the
 * extension's own shutdown task, before the hooks find nothing left to do.
 * <p>
 * Only for the packaged application: under {@code quarkus:dev}, where an exit requested from inside stops the
 * application but not the development process, and in tests the signals stay with the JVM and the tools that run it.
 */
@ApplicationScoped
public class OrderlyStop {

    private static final Logger LOG = Logger.getLogger(OrderlyStop.class);

    /** The exit code a process stopped by a signal conventionally reports: 128 + the signal's number. */
    private static final int SIGNALLED = 128;

    /**
     * A stop signal arrived; observers stop their work before the application's stop begins (Quarkus closes the HTTP
     * server before it fires its {@code ShutdownEvent}). They wait for it within what is left of the stop's budget.
     *
     * @param deadline {@link System#nanoTime()} at which the budget of every observer's waits is spent
     */
    public record StopRequested(String signal, long deadline) {

        public static StopRequested within(String signal, Duration budget) {
            return new StopRequested(signal, System.nanoTime() + budget.toNanos());
        }

        /** How long an observer may still wait: at most {@code cap}, and nothing once the budget is spent. */
        public Duration timeLeft(Duration cap) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            return left.compareTo(cap) < 0 ? left : cap;
        }
    }

    private final Event<StopRequested> stopRequested;
    private final Scheduler scheduler;
    private final Duration gracePeriod;

    OrderlyStop(Event<StopRequested> stopRequested, Scheduler scheduler,
                @ConfigProperty(name = "continuum.stop.grace-period") Duration gracePeriod) {
        this.stopRequested = stopRequested;
        this.scheduler = scheduler;
        this.gracePeriod = gracePeriod;
    }

    void onStart(@Observes StartupEvent start) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    try {
                        // no scheduled job starts once the stop has begun: Quarkus keeps triggering them until its
                        // container is destroyed, after the embedded database has been closed
                        scheduler.pause();
                        stopRequested.fire(StopRequested.within(signal.getName(), gracePeriod));
                    } finally {
                        Quarkus.asyncExit(SIGNALLED + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException reserved) {
                // the JVM keeps the signal (-Xrs): its shutdown hooks stop the application and the database side by side
                LOG.infof("SIG%s stays with the JVM: %s", name, reserved.getMessage());
            }
        }
    }
}
