package io.continuum.resolution.swarm;

import io.smallrye.config.ConfigMapping;

import java.util.Map;
import java.util.Optional;

/**
 * Slack swarms. Without a bot token and signing secret, Resolutions work from the API alone.
 * {@code teams.<owning team>} lists the Slack user ids invited to a swarm, comma-separated.
 */
@ConfigMapping(prefix = "continuum.slack")
public interface SlackSettings {

    /** Verifies Events API and slash-command requests (X-Slack-Signature) */
    Optional<String> signingSecret();

    /** xoxb-… token of the Continuum app, used to create, post to and archive swarm channels */
    Optional<String> botToken();

    /** Web API base, https://slack.com/api/ by default; tests point it at a local stub */
    Optional<String> apiBaseUrl();

    /** Prefix of a channel link for people, e.g. https://acme.slack.com/archives/ */
    Optional<String> workspaceUrl();

    /** owning team (engineering, infra, finance) -> Slack user ids, comma-separated */
    Map<String, String> teams();

    default boolean configured() {
        return botToken().filter(t -> !t.isBlank()).isPresent();
    }
}
