package io.continuum.resolution;

import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.knowledge.KnowledgeBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps of processes/resolution.bpmn (its service tasks call these). Each returns the wait until
 * the next update as an ISO-8601 duration, or "" once the Resolution is resolved.
 */
@ApplicationScoped
public class ResolutionProtocol {

    private static final Logger LOG = Logger.getLogger(ResolutionProtocol.class);

    // Field injection: Kogito's generated service-task handlers also need a public no-argument constructor
    @Inject
    ResolutionService resolutions;
    @Inject
    CustomerUpdates updates;
    @Inject
    UpdateCadence cadence;
    @Inject
    Conversations conversations;
    @Inject
    KnowledgeBase knowledge;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    ClosingSummary summaries;

    /** Acknowledgement with case id and window (or the time of the next update) to every linked customer. */
    @Transactional
    public String acknowledge(String resolutionId) {
        Resolution resolution = resolutions.requireForUpdate(UUID.fromString(resolutionId));
        Duration interval = scheduleNext(resolution);
        updates.broadcast(resolution, resolutions.activeLinks(resolution.id), CustomerUpdates.Kind.ACKNOWLEDGEMENT, 0,
                null, CustomerUpdates.AUTHOR);
        return interval.toString();
    }

    /** The update of one tick, sent even when nothing changed; at most once per tick. */
    @Transactional
    public String sendUpdate(String resolutionId, Integer tick) {
        Resolution resolution = resolutions.requireForUpdate(UUID.fromString(resolutionId));
        if (resolution.resolutionStatus() == ResolutionStatus.RESOLVED) {
            return "";
        }
        Duration interval = scheduleNext(resolution);
        updates.broadcast(resolution, resolutions.activeLinks(resolution.id), CustomerUpdates.Kind.PROACTIVE, tick,
                latestNews(resolution), CustomerUpdates.AUTHOR);
        return interval.toString();
    }

    /**
     * Every linked customer hears it is resolved; a summary is written ({@link ClosingSummary}); the case is archived as a draft
     * knowledge article (root cause and fix, for agents and the AI to learn from once a person reviews
     * it); the swarm is closed (resolution.completed).
     */
    @Transactional
    public void closeOut(String resolutionId) {
        Resolution resolution = resolutions.requireForUpdate(UUID.fromString(resolutionId));
        List<ResolutionLink> links = resolutions.activeLinks(resolution.id);
        if (!updates.broadcast(resolution, links, CustomerUpdates.Kind.RESOLVED, 0, resolution.fixDescription,
                CustomerUpdates.AUTHOR)) {
            return;
        }
        resolution.nextUpdateDueAt = null;
        resolution.summary = summaries.of(resolution, links, resolutions.notesOf(resolution.id));
        resolution.knowledgeArticleId = knowledge.create(new KnowledgeBase.NewArticle(
                        "Resolved: " + resolution.title, articleBody(resolution),
                        List.of("resolution", resolution.issueType, resolution.owningTeam), "en", "draft", null),
                CustomerUpdates.AUTHOR).article().id;
        outbox.publish(Topics.RESOLUTION_COMPLETED, resolution.id, new ResolutionEvent.Completed(resolution.id,
                resolution.caseRef, resolution.summary, resolution.knowledgeArticleId));
        LOG.infof("Resolution %s closed out: %d customers told", resolution.caseRef, links.size());
    }

    private Duration scheduleNext(Resolution resolution) {
        Optional<Conversation> first = resolutions.activeLinks(resolution.id).stream().findFirst()
                .flatMap(link -> conversations.find(link.conversationId));
        Duration interval = cadence.interval(first);
        resolution.updateInterval = interval.toString();
        resolution.nextUpdateDueAt = clock.instant().plus(interval);
        return interval;
    }

    /** The newest engineer update since the last proactive one, or null: nothing changed. */
    private static String latestNews(Resolution resolution) {
        Instant lastProactive = ResolutionUpdate.<ResolutionUpdate>find(
                        "resolutionId = ?1 and kind in ('proactive', 'acknowledgement') order by createdAt desc", resolution.id)
                .firstResultOptional().map(u -> u.createdAt).orElse(Instant.EPOCH);
        Optional<ResolutionStatusChange> statusChange = ResolutionStatusChange.<ResolutionStatusChange>find(
                        "resolutionId = ?1 and changedAt > ?2 order by changedAt desc", resolution.id, lastProactive)
                .firstResultOptional();
        return statusChange.map(change -> "Since our last update the status moved to " + resolution.resolutionStatus().words() + ".")
                .orElse(null);
    }

    private static String articleBody(Resolution r) {
        return "Case " + r.caseRef + " (" + r.issueType + ", owned by " + r.owningTeam + ")\n\n"
                + "## Symptoms\n" + r.title + "\n\n"
                + "## Root cause\n" + (r.rootCause == null ? "Not recorded." : r.rootCause) + "\n\n"
                + "## Fix\n" + (r.fixDescription == null ? "Not recorded." : r.fixDescription) + "\n";
    }
}
