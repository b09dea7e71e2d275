package io.continuum.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers 401 and 403 raised by the HTTP security layer (path permissions, authentication)
 * before a request reaches JAX-RS, as problem JSON instead of an empty body.
 * The Basic challenge is left out for the UI's own requests (X-Requested-With) so browsers
 * do not pop up their native password dialog over the sign-in page.
 */
@ApplicationScoped
public class SecurityFailureHandler {

    private final ObjectMapper objectMapper;

    SecurityFailureHandler(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof ForbiddenException) {
            write(context, HttpProblems.forbidden());
        } else if (failure instanceof UnauthorizedException
                || failure instanceof AuthenticationFailedException
                || failure instanceof AuthenticationCompletionException) {
            if (!"XMLHttpRequest".equals(context.request().getHeader("X-Requested-With"))) {
                context.response().putHeader("WWW-Authenticate", "Basic realm=\"continuum\"");
            }
            write(context, HttpProblems.unauthorized());
        } else {
            context.next();
        }
    }

    private void write(RoutingContext context, Problem problem) {
        if (context.response().ended()) {
            return;
        }
        try {
            context.response()
                    .setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(objectMapper.writeValueAsString(problem.withInstance(context.request().path())));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(problem.status()).end();
        }
    }
}
