package io.continuum.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The built-in demo users of the embedded default: one user per role, password equal to the
 * user name. Disabled unless {@code continuum.demo-users.enabled} is true, so a production
 * node (OIDC) never accepts them even if Basic credentials are sent.
 */
@ApplicationScoped
public class DemoUsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final AccessConfig config;

    DemoUsersIdentityProvider(AccessConfig config) {
        this.config = config;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        if (!config.demoUsersEnabled() || !Roles.ALL.contains(username) || !sameSecret(username, password)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Unknown user or wrong password"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRole(username)
                .build());
    }

    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
