package io.continuum.connectors.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationResultsTest {

    @Test
    void aFailedDmarcDkimOrSpfCheckMakesTheSenderAClaim() {
        assertThat(AuthenticationResults.anyFailed(new String[]{
                "mx.continuum.test; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com; dmarc=fail header.from=bank.example"}))
                .isTrue();
        assertThat(AuthenticationResults.anyFailed(new String[]{"mx.continuum.test; spf=fail smtp.mailfrom=bank.example"})).isTrue();
        assertThat(AuthenticationResults.anyFailed(new String[]{"mx.continuum.test;\r\n\tdkim=fail (bad signature) header.d=x"})).isTrue();
    }

    @Test
    void passingOrMissingResultsLeaveTheSenderTrusted() {
        assertThat(AuthenticationResults.anyFailed(null)).isFalse();
        assertThat(AuthenticationResults.anyFailed(new String[]{"mx.continuum.test; dkim=pass; spf=pass; dmarc=pass"})).isFalse();
        assertThat(AuthenticationResults.anyFailed(new String[]{"mx.continuum.test; spf=softfail smtp.mailfrom=x"})).isFalse();
        assertThat(AuthenticationResults.anyFailed(new String[]{"mx.continuum.test; none"})).isFalse();
    }
}
