package io.continuum.abuse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.problem.Problem;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits what an anonymous source may do before anything else runs: opening web chat sockets and
 * calling webhooks, per client address (behind a proxy, the address the trusted proxy reports).
 * Over the limit: 429 with Retry-After as problem JSON. The address is also handed to the chat
 * socket, which limits messages per address, in {@link #CLIENT_ADDRESS_HEADER} (always overwritten).
 */
@ApplicationScoped
public class AnonymousTrafficLimiter {

    /** The client address as this node resolved it, for the chat socket; a client's own value is replaced. */
    public static final String CLIENT_ADDRESS_HEADER = "X-Continuum-Client-Address";

    private final RateLimits limits;
    private final ObjectMapper json;

    AnonymousTrafficLimiter(RateLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route("/ws/chat").order(Integer.MIN_VALUE + 1).handler(this::chatSocket);
        router.route("/webhooks/*").order(Integer.MIN_VALUE + 1).handler(this::webhook);
        router.route("/confirm-email").order(Integer.MIN_VALUE + 1).handler(this::emailConfirmation);
    }

    private void emailConfirmation(RoutingContext context) {
        limit(context, limits.tryTake(RateLimits.Kind.EMAIL_CONFIRMATIONS_PER_ADDRESS, clientAddress(context)),
                "confirmation links");
    }

    private void chatSocket(RoutingContext context) {
        String address = clientAddress(context);
        context.request().headers().set(CLIENT_ADDRESS_HEADER, address);
        limit(context, limits.tryTake(RateLimits.Kind.WEBCHAT_CONNECTIONS_PER_ADDRESS, address), "chat connections");
    }

    private void webhook(RoutingContext context) {
        String webhook = context.request().path();
        limit(context, limits.tryTake(RateLimits.Kind.WEBHOOK_CALLS_PER_SOURCE, clientAddress(context) + " " + webhook),
                "webhook calls");
    }

    private void limit(RoutingContext context, Optional<Duration> wait, String what) {
        if (wait.isEmpty()) {
            context.next();
            return;
        }
        long seconds = RateLimits.retryAfterSeconds(wait.get());
        Problem problem = Problem.of(429, "rate-limited", "Too Many Requests",
                "Too many " + what + " from your address; try again in " + seconds + " s").withInstance(context.request().path());
        try {
            context.response().setStatusCode(429)
                    .putHeader("Retry-After", Long.toString(seconds))
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(429).putHeader("Retry-After", Long.toString(seconds)).end();
        }
    }

    private static String clientAddress(RoutingContext context) {
        SocketAddress remote = context.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
