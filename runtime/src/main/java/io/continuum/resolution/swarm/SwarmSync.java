package io.continuum.resolution.swarm;

import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Topics;
import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionNote;
import io.continuum.resolution.ResolutionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Mirrors Resolutions into Slack: a new Resolution opens a swarm channel, invites the owning team
 * and posts the handoff brief; status changes and notes are posted; a resolved one gets its summary
 * and the channel is archived. Runs from the outbox, so a Slack outage delays the swarm (retried)
 * but never the Resolution. Every Slack call is recorded before it is made ({@link SwarmSteps}): a
 * retry after a failure halfway reuses the channel, finds a post whose answer was lost in the channel
 * and never posts it twice. Without Slack configured nothing happens here.
 */
@ApplicationScoped
public class SwarmSync {

    private final SlackSwarm slack;
    private final ResolutionService resolutions;
    private final IdempotentConsumer idempotent;
    private final SwarmSteps steps;

    SwarmSync(SlackSwarm slack, ResolutionService resolutions, IdempotentConsumer idempotent, SwarmSteps steps) {
        this.slack = slack;
        this.resolutions = resolutions;
        this.idempotent = idempotent;
        this.steps = steps;
    }

    void onEvent(@Observes DomainEvent event) {
        if (!slack.enabled()) {
            return;
        }
        switch (event.topic()) {
            case Topics.RESOLUTION_CREATED -> idempotent.handleOnce("swarm-open", event, () -> open(event));
            case Topics.RESOLUTION_STATUS_CHANGED -> idempotent.handleOnce("swarm-status", event, () -> status(event));
            case Topics.RESOLUTION_NOTE_ADDED -> idempotent.handleOnce("swarm-note", event, () -> note(event));
            case Topics.RESOLUTION_COMPLETED -> idempotent.handleOnce("swarm-close", event, () -> close(event));
            default -> {
            }
        }
    }

    private void open(DomainEvent event) {
        Resolution resolution = resolutions.requireForUpdate(event.aggregateId());
        if (resolution.swarmChannelId != null) {
            return;
        }
        String channel = steps.once(resolution.id, "channel", () -> slack.createChannel(resolution.caseRef, resolution.title));
        String invited = steps.once(resolution.id, "invite", () -> String.join(",", slack.inviteTeam(channel, resolution.owningTeam)));
        postOnce(resolution.id, channel, "brief", brief(resolution));
        resolution.swarmChannelId = channel;
        resolution.swarmStatus = "open";
        resolution.swarmParticipants = new ArrayList<>(invited.isEmpty() ? List.of() : List.of(invited.split(",")));
    }

    private void status(DomainEvent event) {
        resolutions.find(event.aggregateId()).filter(r -> r.swarmChannelId != null).ifPresent(r ->
                postOnce(r.id, r.swarmChannelId, "status:" + event.id(), "Status: " + event.payload().path("from").asText() + " → "
                        + event.payload().path("to").asText() + " (by " + event.payload().path("actor").asText() + ")"));
    }

    private void note(DomainEvent event) {
        if ("slack".equals(event.payload().path("source").asText())) {
            return;
        }
        UUID noteId = UUID.fromString(event.payload().path("noteId").asText());
        resolutions.find(event.aggregateId()).filter(r -> r.swarmChannelId != null).ifPresent(r -> {
            ResolutionNote note = ResolutionNote.findById(noteId);
            postOnce(r.id, r.swarmChannelId, "note:" + noteId, "Note from " + note.author + ": " + note.content);
        });
    }

    private void close(DomainEvent event) {
        Resolution resolution = resolutions.requireForUpdate(event.aggregateId());
        if (resolution.swarmChannelId == null || "archived".equals(resolution.swarmStatus)) {
            return;
        }
        postOnce(resolution.id, resolution.swarmChannelId, "resolved", "Resolved. " + event.payload().path("summary").asText());
        steps.once(resolution.id, "archive", () -> {
            slack.archive(resolution.swarmChannelId);
            return resolution.swarmChannelId;
        });
        resolution.swarmStatus = "archived";
    }

    /** A post that may have gone out in an earlier attempt (its answer lost) is looked up in the channel, not repeated. */
    private void postOnce(UUID resolutionId, String channel, String step, String text) {
        steps.once(resolutionId, "post:" + step, retried -> (retried ? slack.posted(channel, step) : Optional.<String>empty())
                .orElseGet(() -> slack.post(channel, text, step)));
    }

    private String brief(Resolution r) {
        StringBuilder text = new StringBuilder();
        text.append("*").append(r.caseRef).append("* ").append(r.title).append('\n')
                .append("Type: ").append(r.issueType).append(" · Owning team: ").append(r.owningTeam)
                .append(" · Status: ").append(r.status).append('\n')
                .append("Linked conversations: ").append(resolutions.activeLinks(r.id).size()).append('\n')
                .append("Customers are updated every ").append(r.updateInterval == null ? "12h at most" : r.updateInterval)
                .append(" by Continuum; no customer ever talks to engineers here.\n")
                .append("Reply in this channel to add internal notes; `/resolution status <status>` moves the case.");
        return text.toString();
    }
}
