package io.continuum.connectors.x;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** X (Twitter) direct message settings ({@code continuum.x.*}). */
@ConfigMapping(prefix = "continuum.x")
public interface XConfig {

    /** The app's consumer secret: answers the CRC check and signs webhook bodies; without it every webhook is refused. */
    Optional<String> consumerSecret();

    /** OAuth 2.0 user access token of our account (scopes dm.read dm.write), for sending DMs and fetching DM media. */
    Optional<String> accessToken();

    @WithDefault("https://api.x.com")
    String apiBaseUrl();

    /** Where DM media files are served; only URLs under it are fetched with our token. */
    @WithDefault("https://ton.x.com")
    String mediaBaseUrl();
}
