package io.continuum.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "continuum.identity")
public interface IdentityConfig {

    /** Region assumed for phone numbers written without a country code (ISO 3166 code). */
    @WithDefault("US")
    String defaultPhoneRegion();
}
