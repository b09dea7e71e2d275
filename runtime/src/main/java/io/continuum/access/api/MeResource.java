package io.continuum.access.api;

import io.continuum.access.AccessConfig;
import io.continuum.access.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Optional;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final SecurityIdentity identity;
    private final AccessConfig accessConfig;
    private final boolean oidcEnabled;
    private final Optional<String> authServerUrl;
    private final Optional<String> uiAuthServerUrl;
    private final Optional<String> uiClientId;

    MeResource(SecurityIdentity identity, AccessConfig accessConfig,
               @ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean oidcEnabled,
               @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
               @ConfigProperty(name = "continuum.ui.oidc-auth-server-url") Optional<String> uiAuthServerUrl,
               @ConfigProperty(name = "continuum.ui.oidc-client-id") Optional<String> uiClientId) {
        this.identity = identity;
        this.accessConfig = accessConfig;
        this.oidcEnabled = oidcEnabled;
        this.authServerUrl = authServerUrl;
        this.uiAuthServerUrl = uiAuthServerUrl;
        this.uiClientId = uiClientId;
    }

    public record Me(String username, List<String> roles, String authMode) {
    }

    public record AuthConfig(String mode, String authServerUrl, String clientId) {
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The signed-in user and the roles that decide what they may do")
    public Me me() {
        List<String> roles = Roles.ALL.stream().filter(identity::hasRole).toList();
        String mode = identity.getPrincipal() instanceof JsonWebToken ? "oidc" : "demo";
        return new Me(identity.getPrincipal().getName(), roles, mode);
    }

    @GET
    @Path("/auth/config")
    @PermitAll
    @Operation(summary = "How the UI signs users in: demo users (embedded default) or OIDC")
    public AuthConfig authConfig() {
        if (oidcEnabled && !accessConfig.demoUsersEnabled()) {
            // browsers may reach the realm by another address than the nodes do (docker-compose.yml: localhost:8180 vs keycloak:8080)
            return new AuthConfig("oidc", uiAuthServerUrl.or(() -> authServerUrl).orElse(null), uiClientId.orElse("continuum-ui"));
        }
        return new AuthConfig("demo", null, null);
    }
}
