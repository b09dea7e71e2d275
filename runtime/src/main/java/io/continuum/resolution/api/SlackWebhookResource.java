package io.continuum.resolution.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.audit.Actor;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionService;
import io.continuum.resolution.ResolutionStatus;
import io.continuum.resolution.swarm.SlackSettings;
import io.continuum.resolution.swarm.SlackSignature;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Slack talking back to a swarm: Events API messages in a swarm channel become internal notes, and
 * {@code /resolution status <status>} moves the case. Every request is verified (X-Slack-Signature).
 */
@Path("/webhooks/slack")
@Produces(MediaType.APPLICATION_JSON)
public class SlackWebhookResource {

    private static final Logger LOG = Logger.getLogger(SlackWebhookResource.class);

    /** What Slack gets back: the URL verification challenge, an acknowledgement, or a reply to the command. */
    public sealed interface SlackAnswer {
    }

    public record Challenge(String challenge) implements SlackAnswer {
    }

    public record Acknowledged(boolean ok) implements SlackAnswer {
    }

    /** Shown to the person who typed the command ({@code ephemeral}) or to the whole channel ({@code in_channel}). */
    public record CommandReply(@JsonProperty("response_type") String responseType, String text) implements SlackAnswer {
    }

    private final SlackSettings settings;
    private final ResolutionService resolutions;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    SlackWebhookResource(SlackSettings settings, ResolutionService resolutions, ObjectMapper objectMapper, Clock clock) {
        this.settings = settings;
        this.resolutions = resolutions;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.WILDCARD)
    @PermitAll
    @Operation(summary = "Slack Events API: url_verification and message events of swarm channels (signed by Slack)")
    public SlackAnswer events(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
                              @HeaderParam("X-Slack-Signature") String signature, String body) {
        verify(timestamp, signature, body);
        JsonNode payload;
        try {
            payload = objectMapper.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("The body is not JSON");
        }
        if ("url_verification".equals(payload.path("type").asText())) {
            return new Challenge(payload.path("challenge").asText());
        }
        JsonNode event = payload.path("event");
        boolean personWrote = "message".equals(event.path("type").asText()) && !event.has("subtype")
                && !event.has("bot_id") && !event.path("text").asText().isBlank();
        if ("event_callback".equals(payload.path("type").asText()) && personWrote) {
            resolutions.findBySwarmChannel(event.path("channel").asText()).ifPresent(resolution ->
                    resolutions.note(resolution.id, event.path("text").asText(), "slack:" + event.path("user").asText(),
                            "slack", event.path("ts").asText()));
        }
        return new Acknowledged(true);
    }

    @POST
    @Path("/commands")
    @Consumes(MediaType.WILDCARD)
    @PermitAll
    @Operation(summary = "Slack slash command `/resolution status <status>` in a swarm channel (signed by Slack)")
    public SlackAnswer command(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
                               @HeaderParam("X-Slack-Signature") String signature, String body) {
        verify(timestamp, signature, body);
        Map<String, String> form = form(body);
        Optional<Resolution> resolution = resolutions.findBySwarmChannel(form.getOrDefault("channel_id", ""));
        if (resolution.isEmpty()) {
            return ephemeral("This channel is not a Resolution swarm.");
        }
        String[] words = form.getOrDefault("text", "").trim().split("\\s+");
        if (words.length != 2 || !"status".equals(words[0])) {
            return ephemeral("Usage: /resolution status <" + Arrays.stream(ResolutionStatus.values())
                    .map(ResolutionStatus::wireName).collect(Collectors.joining("|")) + ">");
        }
        Optional<ResolutionStatus> to = ResolutionStatus.fromWire(words[1]);
        if (to.isEmpty()) {
            return ephemeral("Unknown status " + words[1]);
        }
        String who = "slack:" + form.getOrDefault("user_name", form.getOrDefault("user_id", "unknown"));
        try {
            resolutions.change(resolution.get().id, new ResolutionService.Change(to, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    Actor.human(who), false);
        } catch (ProblemException e) {
            return ephemeral(e.problem().detail());
        }
        return new CommandReply("in_channel", resolution.get().caseRef + " is now " + to.get().wireName());
    }

    private void verify(String timestamp, String signature, String body) {
        String secret = settings.signingSecret().filter(s -> !s.isBlank()).orElse(null);
        if (!SlackSignature.valid(secret, timestamp, body, signature, clock.instant())) {
            LOG.warn("Refused a Slack request with a missing, stale or wrong signature");
            throw new ProblemException(Problem.of(401, "invalid-signature", "Unauthorized",
                    "The request is not signed by Slack with this app's signing secret"));
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static SlackAnswer ephemeral(String text) {
        return new CommandReply("ephemeral", text);
    }
}
