package io.continuum.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.problem.Problem;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * HTTP Basic for the demo users, whose 401 challenge carries a problem JSON body.
 * Quarkus' own Basic mechanism answers an empty 401; API clients and the UI need to
 * read why. The challenge names Bearer when only OIDC is accepted (production).
 * Browsers' native password dialog is suppressed for the UI's own requests (X-Requested-With).
 */
@ApplicationScoped
public class ProblemChallengeBasicAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String REALM = "continuum";

    private final BasicAuthenticationMechanism basic = new BasicAuthenticationMechanism(REALM, false);
    private final AccessConfig config;
    private final ObjectMapper objectMapper;

    ProblemChallengeBasicAuthenticationMechanism(AccessConfig config, ObjectMapper objectMapper) {
        this.config = config;
        this.objectMapper = objectMapper;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return basic.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return basic.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return basic.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return basic.getCredentialTransport(context);
    }

    /**
     * Above OIDC's mechanism ({@code DEFAULT_PRIORITY + 1}): a request with no credentials at all is challenged by
     * the first mechanism alone, and with the two on a par OIDC's bare 401 could be the one production sends.
     * A Bearer token still reaches OIDC: this mechanism looks only at Basic credentials.
     */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 2;
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return Uni.createFrom().item(true);
        }
        if (!"XMLHttpRequest".equals(context.request().getHeader("X-Requested-With"))) {
            response.putHeader("WWW-Authenticate", config.demoUsersEnabled() ? "Basic realm=\"" + REALM + "\"" : "Bearer");
        }
        Problem problem = Problem.of(401, "unauthorized", "Unauthorized",
                config.demoUsersEnabled() ? "Sign in: send HTTP Basic credentials of a user" : "Sign in: send an OIDC bearer token")
                .withInstance(context.request().path());
        Buffer body = Buffer.buffer(json(problem));
        // The caller ends the response after the challenge: set the length and write the body, don't end it.
        response.setStatusCode(401)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Content-Length", Integer.toString(body.length()))
                .write(body);
        return Uni.createFrom().item(true);
    }

    private String json(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Problem JSON could not be written", e);
        }
    }
}
