package io.continuum.resolution.swarm;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsArchiveResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsInviteResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Slack Web API calls a swarm needs, through the official SDK; a failed call throws (the event is
 * retried). "Already done" answers (name_taken, already_in_channel, already_archived) count as done.
 */
@ApplicationScoped
public class SlackSwarm {

    /** Message metadata event type marking our swarm posts. */
    private static final String STEP_EVENT = "continuum_swarm_step";

    private final SlackSettings settings;
    private volatile MethodsClient methods;

    SlackSwarm(SlackSettings settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.configured();
    }

    /**
     * Opens the channel and returns its id. A channel of that name that exists already is the one an
     * earlier attempt created (its answer was lost): its id is looked up and used.
     */
    public String createChannel(String caseRef, String title) {
        String name = (caseRef + "-" + title).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("-{2,}", "-");
        String channelName = (name.length() > 80 ? name.substring(0, 80) : name).replaceAll("-$", "");
        ConversationsCreateResponse created = call(() -> methods().conversationsCreate(r -> r.name(channelName).isPrivate(false)));
        if (!created.isOk() && "name_taken".equals(created.getError())) {
            return existingChannel(channelName);
        }
        return check(created, "conversations.create").getChannel().getId();
    }

    private String existingChannel(String name) {
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse list = check(call(() -> methods().conversationsList(r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL))
                    .excludeArchived(false).limit(200).cursor(page))), "conversations.list");
            for (Conversation channel : list.getChannels()) {
                if (name.equals(channel.getName())) {
                    return channel.getId();
                }
            }
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isBlank());
        throw new IllegalStateException("Slack says the channel " + name + " exists but does not list it");
    }

    /** Invites the owning team's members (from config); returns who was invited. Members already there are fine. */
    public List<String> inviteTeam(String channelId, String team) {
        List<String> users = Arrays.stream(settings.teams().getOrDefault(team, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (!users.isEmpty()) {
            ConversationsInviteResponse invited = call(() -> methods().conversationsInvite(r -> r.channel(channelId).users(users)));
            if (!"already_in_channel".equals(invited.getError())) {
                check(invited, "conversations.invite");
            }
        }
        return users;
    }

    /** Posts with the step as message metadata, so a retry can see in the channel whether it went out. */
    public String post(String channelId, String text, String step) {
        Message.Metadata metadata = Message.Metadata.builder().eventType(STEP_EVENT).eventPayload(Map.of("step", step)).build();
        return check(call(() -> methods().chatPostMessage(r -> r.channel(channelId).text(text).metadata(metadata))),
                "chat.postMessage").getTs();
    }

    /** The ts of the channel's recent message posted for this step, if there is one. */
    public Optional<String> posted(String channelId, String step) {
        ConversationsHistoryResponse history = check(call(() -> methods().conversationsHistory(r -> r.channel(channelId)
                .limit(200).includeAllMetadata(true))), "conversations.history");
        return history.getMessages().stream()
                .filter(m -> m.getMetadata() != null && STEP_EVENT.equals(m.getMetadata().getEventType())
                        && m.getMetadata().getEventPayload() != null && step.equals(m.getMetadata().getEventPayload().get("step")))
                .map(Message::getTs).findFirst();
    }

    public void archive(String channelId) {
        ConversationsArchiveResponse archived = call(() -> methods().conversationsArchive(r -> r.channel(channelId)));
        if (!"already_archived".equals(archived.getError())) {
            check(archived, "conversations.archive");
        }
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
