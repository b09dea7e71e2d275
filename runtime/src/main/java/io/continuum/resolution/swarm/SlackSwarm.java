package io.continuum.resolution.swarm;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The Slack Web API calls a swarm needs, through the official SDK; a failed call throws (the event is retried). */
@ApplicationScoped
public class SlackSwarm {

    private final SlackSettings settings;
    private volatile MethodsClient methods;

    SlackSwarm(SlackSettings settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.configured();
    }

    /** Opens the channel and returns its id. */
    public String createChannel(String caseRef, String title) {
        String name = (caseRef + "-" + title).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("-{2,}", "-");
        String channelName = (name.length() > 80 ? name.substring(0, 80) : name).replaceAll("-$", "");
        return check(call(() -> methods().conversationsCreate(r -> r.name(channelName).isPrivate(false))), "conversations.create")
                .getChannel().getId();
    }

    /** Invites the owning team's members (from config); returns who was invited. */
    public List<String> inviteTeam(String channelId, String team) {
        List<String> users = Arrays.stream(settings.teams().getOrDefault(team, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (!users.isEmpty()) {
            check(call(() -> methods().conversationsInvite(r -> r.channel(channelId).users(users))), "conversations.invite");
        }
        return users;
    }

    public void post(String channelId, String text) {
        check(call(() -> methods().chatPostMessage(r -> r.channel(channelId).text(text))), "chat.postMessage");
    }

    public void archive(String channelId) {
        check(call(() -> methods().conversationsArchive(r -> r.channel(channelId))), "conversations.archive");
    }

    private MethodsClient methods() {
        if (methods == null) {
            SlackConfig config = new SlackConfig();
            settings.apiBaseUrl().ifPresent(url -> config.setMethodsEndpointUrlPrefix(url.endsWith("/") ? url : url + "/"));
            methods = Slack.getInstance(config).methods(settings.botToken().orElseThrow());
        }
        return methods;
    }

    private interface SlackCall<T> {
        T run() throws IOException, SlackApiException;
    }

    private static <T> T call(SlackCall<T> call) {
        try {
            return call.run();
        } catch (IOException | SlackApiException e) {
            throw new IllegalStateException("Slack call failed: " + e.getMessage(), e);
        }
    }

    private static <T extends SlackApiTextResponse> T check(T response, String method) {
        if (!response.isOk()) {
            throw new IllegalStateException("Slack " + method + " answered " + response.getError());
        }
        return response;
    }
}
