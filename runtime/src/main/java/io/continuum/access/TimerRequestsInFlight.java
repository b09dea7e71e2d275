package io.continuum.access;

import io.continuum.platform.OrderlyStop;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The requests that schedule or cancel a process timer and have no answer yet. A hand-off commits its process
 * instance and then schedules the instance's timer with a request Kogito sends without waiting for it. A stop that went
 * on as soon as the outbox relay had finished its event closed the node under that request: its answer was cut off
 * (an error in Kogito's log), and when the request itself was cut off the jobs service never stored the timer (seen
 * stopping a node seconds after a fresh start). So a stop signal, once the relay and the consumers have stopped
 * starting hand-offs, waits for these answers. (A timer lost all the same, to a kill or a spent stop budget, is
 * scheduled again by {@code timers/LostTimers}.)
 */
@ApplicationScoped
public class TimerRequestsInFlight {

    private static final Logger LOG = Logger.getLogger(TimerRequestsInFlight.class);
    private static final String COUNTED = "continuum.timer-request-counted";
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private int pending;

    /**
     * Counts the requests of this client from the moment they are prepared (on the thread that sends them) until their
     * answer or failure. The interceptor is Vert.x's own extension point (the web client's sessions use it).
     */
    public WebClient track(WebClient client) {
        ((WebClientInternal) client).addInterceptor(this::count);
        return client;
    }

    private void count(HttpContext<?> request) {
        switch (request.phase()) {
            case PREPARE_REQUEST -> {
                if (request.get(COUNTED) == null) {
                    request.set(COUNTED, Boolean.TRUE);
                    changePending(1);
                }
            }
            case DISPATCH_RESPONSE, FAILURE -> {
                if (request.get(COUNTED) != null) {
                    request.set(COUNTED, null);
                    changePending(-1);
                }
            }
            default -> {
            }
        }
        request.next();
    }

    private synchronized void changePending(int change) {
        pending += change;
        if (pending == 0) {
            notifyAll();
        }
    }

    /** @return true when no request is waiting for its answer (any longer), false when some still were after the wait */
    synchronized boolean awaitAnswered(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** After the default-priority observers: the outbox relay and the Kafka consumers stop starting hand-offs first. */
    void onStopRequested(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 1) OrderlyStop.StopRequested requested)
            throws InterruptedException {
        Duration patience = requested.timeLeft(STOP_WAIT);
        if (!awaitAnswered(patience)) {
            LOG.warnf("A process timer request still had no answer after %d ms of waiting at the stop; its timer may "
                    + "not be stored", patience.toMillis());
        }
    }
}
