package io.continuum.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "continuum.demo-users")
public interface AccessConfig {

    /** Accept the built-in demo users (password = user name) on HTTP Basic. Off in production. */
    @WithName("enabled")
    @WithDefault("false")
    boolean demoUsersEnabled();
}
