package io.continuum.resolution.api;

import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionLink;
import io.continuum.resolution.ResolutionNote;
import io.continuum.resolution.ResolutionStatus;
import io.continuum.resolution.ResolutionStatusChange;
import io.continuum.resolution.ResolutionUpdate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A Resolution as the API shows it; the board's list uses the same shape without notes and updates. */
public record ResolutionView(UUID id, String caseRef, String title, String issueType, String owningTeam, String status,
                             List<String> allowedTransitions, EtaWindow etaWindow, Clock clock, String rootCause,
                             String fixDescription, String summary, String updateInterval, Instant nextUpdateDueAt,
                             Swarm swarm, List<LinkView> conversations, List<NoteView> notes,
                             List<UpdateView> customerUpdates, List<StatusView> statusHistory, UUID knowledgeArticleId,
                             String createdBy, Instant createdAt, Instant updatedAt, Instant resolvedAt) {

    public record EtaWindow(Instant start, Instant end, String setBy) {
    }

    public record Clock(Instant startedAt, boolean paused, long elapsedSeconds) {
    }

    public record Swarm(String channelId, String status, String link, List<String> participants) {
    }

    public record LinkView(UUID conversationId, String continuationChannel, String language, String linkedBy,
                           Instant linkedAt) {
        static LinkView of(ResolutionLink l) {
            return new LinkView(l.conversationId, l.continuationChannel, l.language, l.linkedBy, l.linkedAt);
        }
    }

    public record NoteView(UUID id, String author, String content, String source, Instant createdAt) {
        static NoteView of(ResolutionNote n) {
            return new NoteView(n.id, n.author, n.content, n.source, n.createdAt);
        }
    }

    public record UpdateView(UUID id, String kind, int tick, String author, String content, String status, int recipients,
                             Instant createdAt) {
        static UpdateView of(ResolutionUpdate u) {
            return new UpdateView(u.id, u.kind, u.tick, u.author, u.content, u.status, u.recipients, u.createdAt);
        }
    }

    public record StatusView(String from, String to, String actor, Instant at) {
        static StatusView of(ResolutionStatusChange c) {
            return new StatusView(c.fromStatus, c.toStatus, c.actor, c.changedAt);
        }
    }

    static ResolutionView of(Resolution r, List<ResolutionLink> links, List<ResolutionNote> notes,
                             List<ResolutionUpdate> updates, List<ResolutionStatusChange> history, Instant now,
                             String slackTeamUrl) {
        return new ResolutionView(r.id, r.caseRef, r.title, r.issueType, r.owningTeam, r.status,
                r.resolutionStatus().next().stream().map(ResolutionStatus::wireName).toList(),
                r.hasWindow() ? new EtaWindow(r.etaWindowStart, r.etaWindowEnd, r.etaSetBy) : null,
                new Clock(r.clockStartedAt, r.clockPausedAt != null, r.elapsed(now).toSeconds()),
                r.rootCause, r.fixDescription, r.summary, r.updateInterval, r.nextUpdateDueAt,
                new Swarm(r.swarmChannelId, r.swarmStatus,
                        r.swarmChannelId == null || slackTeamUrl == null ? null : slackTeamUrl + r.swarmChannelId,
                        r.swarmParticipants),
                links.stream().map(LinkView::of).toList(),
                notes == null ? null : notes.stream().map(NoteView::of).toList(),
                updates == null ? null : updates.stream().map(UpdateView::of).toList(),
                history == null ? null : history.stream().map(StatusView::of).toList(),
                r.knowledgeArticleId, r.createdBy, r.createdAt, r.updatedAt, r.resolvedAt);
    }
}
