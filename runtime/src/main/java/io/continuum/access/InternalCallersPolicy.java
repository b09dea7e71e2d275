package io.continuum.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Admits the embedded Kogito jobs service to its own endpoints (scheduling timers, firing them
 * back) by the shared secret of {@link InternalCallers}, never by the caller's address: behind a
 * proxy that address comes from X-Forwarded-For/Forwarded, which any client can write.
 * Everyone else is denied, signed in or not.
 */
@ApplicationScoped
public class InternalCallersPolicy implements HttpSecurityPolicy {

    private final InternalCallers internalCallers;

    InternalCallersPolicy(InternalCallers internalCallers) {
        this.internalCallers = internalCallers;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        boolean internal = internalCallers.proves(request.request().getHeader(InternalCallers.HEADER));
        return Uni.createFrom().item(internal ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return "internal-callers";
    }
}
