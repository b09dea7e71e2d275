package io.continuum.access;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityProviderCheckTest {

    @Test
    void productionWithoutAnIdentityProviderStopsNamingBothWaysForward() {
        assertThatThrownBy(() -> new IdentityProviderCheck(true, Optional.empty()).onStart(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QUARKUS_OIDC_AUTH_SERVER_URL=")
                .hasMessageContaining("java -Dquarkus.profile=demo -jar runtime/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void anIdentityProviderOrTheDemoUsersLetItStart() {
        assertThatCode(() -> new IdentityProviderCheck(true, Optional.of("https://sso.example.com/realms/continuum")).onStart(null))
                .doesNotThrowAnyException();
        assertThatCode(() -> new IdentityProviderCheck(false, Optional.empty()).onStart(null)).doesNotThrowAnyException();
    }
}
