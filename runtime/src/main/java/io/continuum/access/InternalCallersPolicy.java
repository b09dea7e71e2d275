package io.continuum.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets a node call itself without credentials: the embedded Kogito jobs service schedules
 * timers over HTTP and fires them back over HTTP to the same node (kogito.service.url).
 * A request is internal when it arrives from the address it was sent to (loopback or the
 * node's own address); everyone else is denied, signed in or not.
 */
@ApplicationScoped
public class InternalCallersPolicy implements HttpSecurityPolicy {

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        return Uni.createFrom().item(isInternal(request) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return "internal-callers";
    }

    private static boolean isInternal(RoutingContext request) {
        SocketAddress remote = request.request().remoteAddress();
        SocketAddress local = request.request().localAddress();
        if (remote == null || remote.hostAddress() == null) {
            return false;
        }
        String caller = remote.hostAddress();
        return caller.startsWith("127.") || caller.equals("0:0:0:0:0:0:0:1") || caller.equals("::1")
                || (local != null && caller.equals(local.hostAddress()));
    }
}
