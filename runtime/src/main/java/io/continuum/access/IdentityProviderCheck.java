package io.continuum.access;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * A production start without an identity provider stops with the two ways forward. Quarkus' OIDC
 * set-up would stop first with a bare "'quarkus.oidc.auth-server-url' property must be configured";
 * it leaves that check to the application when a {@link TenantConfigResolver} exists. This resolver
 * resolves nothing (the configured tenant serves every request); it is here for the check at start-up.
 */
@ApplicationScoped
public class IdentityProviderCheck implements TenantConfigResolver {

    static final String NO_IDENTITY_PROVIDER = """
            Continuum cannot start: sign-in needs an OIDC identity provider and none is configured. Either
              point it at your Keycloak realm: QUARKUS_OIDC_AUTH_SERVER_URL=https://sso.example.com/realms/continuum
              (or -Dquarkus.oidc.auth-server-url=...; README, "Configuration for production"), or
              try it with the built-in demo users: java -Dquarkus.profile=demo -jar runtime/target/quarkus-app/quarkus-run.jar""";

    private final boolean oidcEnabled;
    private final Optional<String> authServerUrl;

    IdentityProviderCheck(@ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean oidcEnabled,
                          @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        this.oidcEnabled = oidcEnabled;
        this.authServerUrl = authServerUrl;
    }

    void onStart(@Observes StartupEvent start) {
        if (oidcEnabled && authServerUrl.filter(url -> !url.isBlank()).isEmpty()) {
            throw new IllegalStateException(NO_IDENTITY_PROVIDER);
        }
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        return Uni.createFrom().nullItem();
    }
}
