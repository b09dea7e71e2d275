package io.continuum.resolution;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.identity.IdentifierKind;
import io.continuum.identity.IdentityService;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolutions: opened automatically when routing asks for one or on demand by an agent, worked by
 * engineers (status, window, root cause, fix, notes), and linked to every conversation they serve.
 * The customers are kept informed by processes/resolution.bpmn (ResolutionProtocol).
 */
@ApplicationScoped
public class ResolutionService {

    private static final String ENTITY = "resolution";

    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final IdentityService identity;
    private final ResolutionProcesses processes;
    private final CustomerUpdates updates;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final EntityManager entityManager;
    private final Clock clock;

    ResolutionService(Conversations conversations, ConversationTimeline timeline, IdentityService identity,
                      ResolutionProcesses processes, CustomerUpdates updates, Outbox outbox, AuditTrail audit,
                      EntityManager entityManager, Clock clock) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.identity = identity;
        this.processes = processes;
        this.updates = updates;
        this.outbox = outbox;
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public record NewResolution(String title, IssueType issueType, Optional<OwningTeam> owningTeam) {
    }

    /**
     * Opens a Resolution for a conversation and starts its protocol (the customer is acknowledged at once).
     * A conversation already served by an open Resolution answers 409.
     */
    @Transactional
    public Resolution open(UUID conversationId, NewResolution request, Actor actor) {
        Conversation conversation = conversations.requireForUpdate(conversationId);
        if (conversation.resolutionId != null) {
            Resolution existing = require(conversation.resolutionId);
            if (existing.resolutionStatus() != ResolutionStatus.RESOLVED) {
                throw new ProblemException(Problem.of(409, "resolution-exists", "Conflict",
                        "Conversation " + conversationId + " is already served by case " + existing.caseRef)
                        .withExtension("resolutionId", existing.id));
            }
        }
        Instant now = clock.instant();
        Resolution resolution = new Resolution();
        resolution.id = UUID.randomUUID();
        resolution.caseRef = "RES-" + entityManager.createNativeQuery("SELECT nextval('resolution_case_seq')")
                .getSingleResult();
        resolution.title = request.title();
        resolution.issueType = request.issueType().wireName();
        resolution.owningTeam = request.owningTeam().orElse(request.issueType().defaultTeam()).wireName();
        resolution.status = ResolutionStatus.INVESTIGATING.wireName();
        resolution.swarmStatus = "none";
        resolution.clockStartedAt = now;
        resolution.createdBy = actor.name();
        resolution.createdAt = now;
        resolution.updatedAt = now;
        resolution.persist();
        recordStatus(resolution, null, ResolutionStatus.INVESTIGATING, actor, now);
        addLink(resolution, conversation, actor, now);
        audit.record(ENTITY, resolution.id, "created", actor, null, new ResolutionAudit.Opened(resolution.caseRef,
                conversationId, resolution.issueType, resolution.owningTeam));
        outbox.publish(Topics.RESOLUTION_CREATED, resolution.id, new ResolutionEvent.Created(resolution.id,
                resolution.caseRef, conversationId, resolution.owningTeam));
        entityManager.flush();
        resolution.processInstanceId = processes.start(resolution.id);
        return resolution;
    }

    /** Another conversation the Resolution serves (an outage reported by many): its customer is acknowledged at once. */
    @Transactional
    public ResolutionLink link(UUID resolutionId, UUID conversationId, Actor actor) {
        Resolution resolution = requireForUpdate(resolutionId);
        if (resolution.resolutionStatus() == ResolutionStatus.RESOLVED) {
            throw ProblemException.conflict("resolution-resolved", "Case " + resolution.caseRef + " is resolved; open a new one");
        }
        Conversation conversation = conversations.requireForUpdate(conversationId);
        if (conversation.resolutionId != null && !conversation.resolutionId.equals(resolutionId)) {
            throw ProblemException.conflict("resolution-exists", "Conversation " + conversationId
                    + " is already served by another Resolution; unlink it there first");
        }
        Optional<ResolutionLink> existing = findLink(resolutionId, conversationId).filter(l -> l.unlinkedAt == null);
        if (existing.isPresent()) {
            return existing.get();
        }
        ResolutionLink link = addLink(resolution, conversation, actor, clock.instant());
        long ordinal = ResolutionLink.count("resolutionId", resolutionId);
        updates.broadcast(resolution, List.of(link), CustomerUpdates.Kind.LINKED, (int) ordinal, null, actor.name());
        return link;
    }

    @Transactional
    public void unlink(UUID resolutionId, UUID conversationId, Actor actor) {
        requireForUpdate(resolutionId);
        ResolutionLink link = findLink(resolutionId, conversationId).filter(l -> l.unlinkedAt == null)
                .orElseThrow(() -> ProblemException.notFound("Link of conversation", conversationId));
        link.unlinkedAt = clock.instant();
        conversations.change(conversationId, (conversation, now) -> conversation.linkResolution(null, actor, now));
        audit.record(ENTITY, resolutionId, "conversation-unlinked", actor, new ResolutionAudit.Unlinked(conversationId), null);
    }

    /** What an engineer or agent changes; absent fields stay as they are. */
    public record Change(Optional<ResolutionStatus> status, Optional<OwningTeam> owningTeam, Optional<String> title,
                         Optional<Instant> etaWindowStart, Optional<Instant> etaWindowEnd, Optional<String> rootCause,
                         Optional<String> fixDescription, Optional<Boolean> clockPaused) {
    }

    /**
     * Applies a change. An illegal status move answers 409 with the moves allowed from here. The ETA
     * window is only ever set by an engineer ({@code mayPromiseEta}); nobody else may promise a time.
     */
    @Transactional
    public Resolution change(UUID resolutionId, Change change, Actor actor, boolean mayPromiseEta) {
        Resolution resolution = requireForUpdate(resolutionId);
        Instant now = clock.instant();
        ResolutionAudit.Snapshot before = ResolutionAudit.Snapshot.of(resolution);
        if (change.etaWindowStart().isPresent() || change.etaWindowEnd().isPresent()) {
            if (!mayPromiseEta) {
                throw new ProblemException(Problem.of(403, "eta-by-engineers-only", "Forbidden",
                        "Only an engineer sets the expected resolution window"));
            }
            Instant start = change.etaWindowStart().orElse(resolution.etaWindowStart);
            Instant end = change.etaWindowEnd().orElse(resolution.etaWindowEnd);
            if (end == null || (start != null && start.isAfter(end))) {
                throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The window needs an end after its start")
                        .withErrors(List.of(Problem.FieldError.ofField("etaWindow", "end must be set and not before start"))));
            }
            resolution.etaWindowStart = start;
            resolution.etaWindowEnd = end;
            resolution.etaSetBy = actor.name();
        }
        change.owningTeam().ifPresent(team -> resolution.owningTeam = team.wireName());
        change.title().ifPresent(title -> resolution.title = title);
        change.rootCause().ifPresent(cause -> resolution.rootCause = cause);
        change.fixDescription().ifPresent(fix -> resolution.fixDescription = fix);
        change.clockPaused().ifPresent(paused -> pauseClock(resolution, paused, now));
        resolution.updatedAt = now;
        boolean resolvedNow = false;
        if (change.status().isPresent() && change.status().get() != resolution.resolutionStatus()) {
            ResolutionStatus from = resolution.resolutionStatus();
            ResolutionStatus to = change.status().get();
            if (!from.canMoveTo(to)) {
                throw new ProblemException(Problem.of(409, "illegal-transition", "Conflict",
                                "A Resolution cannot move from " + from.wireName() + " to " + to.wireName())
                        .withExtension("allowed", from.next().stream().map(ResolutionStatus::wireName).toList()));
            }
            resolution.status = to.wireName();
            recordStatus(resolution, from, to, actor, now);
            outbox.publish(Topics.RESOLUTION_STATUS_CHANGED, resolution.id,
                    new ResolutionEvent.StatusChanged(resolution.id, from.wireName(), to.wireName(), actor.name()));
            if (to == ResolutionStatus.RESOLVED) {
                if (resolution.clockPausedAt != null) {
                    pauseClock(resolution, false, now);
                }
                resolution.resolvedAt = now;
                resolvedNow = true;
            }
        }
        audit.record(ENTITY, resolution.id, "changed", actor, before, ResolutionAudit.Snapshot.of(resolution));
        if (resolvedNow && resolution.processInstanceId != null) {
            entityManager.flush();
            processes.resolved(resolution.processInstanceId);
        }
        return resolution;
    }

    /** An engineer's or agent's update, relayed at once to every linked customer (and kept as the latest news). */
    @Transactional
    public ResolutionUpdate relayUpdate(UUID resolutionId, String text, Actor actor) {
        Resolution resolution = requireForUpdate(resolutionId);
        timeline.checkContent(text);
        int tick = (int) ResolutionUpdate.count("resolutionId = ?1 and kind = ?2", resolutionId,
                CustomerUpdates.Kind.ENGINEER.name().toLowerCase()) + 1;
        updates.broadcast(resolution, activeLinks(resolutionId), CustomerUpdates.Kind.ENGINEER, tick, text, actor.name());
        addNote(resolution, "Update sent to customers: " + text, actor.name(), "api", null);
        return ResolutionUpdate.<ResolutionUpdate>find("resolutionId = ?1 and kind = ?2 and tick = ?3", resolutionId,
                CustomerUpdates.Kind.ENGINEER.name().toLowerCase(), tick).firstResult();
    }

    /** An internal note; {@code externalId} (a Slack message ts) makes a redelivered note a no-op. */
    @Transactional
    public Optional<ResolutionNote> note(UUID resolutionId, String content, String author, String source, String externalId) {
        Resolution resolution = require(resolutionId);
        timeline.checkContent(content);
        if (externalId != null && ResolutionNote.count("resolutionId = ?1 and externalId = ?2", resolutionId, externalId) > 0) {
            return Optional.empty();
        }
        return Optional.of(addNote(resolution, content, author, source, externalId));
    }

    private ResolutionNote addNote(Resolution resolution, String content, String author, String source, String externalId) {
        ResolutionNote note = new ResolutionNote();
        note.id = UUID.randomUUID();
        note.resolutionId = resolution.id;
        note.author = author;
        note.content = content;
        note.source = source;
        note.externalId = externalId;
        note.createdAt = clock.instant();
        note.persist();
        outbox.publish(Topics.RESOLUTION_NOTE_ADDED, resolution.id,
                new ResolutionEvent.NoteAdded(resolution.id, note.id, author, source));
        return note;
    }

    private ResolutionLink addLink(Resolution resolution, Conversation conversation, Actor actor, Instant now) {
        boolean hasEmail = identity.identifiersOf(conversation.customerId).stream()
                .anyMatch(id -> id.verified && IdentifierKind.EMAIL.wireName().equals(id.kind));
        ResolutionLink link = findLink(resolution.id, conversation.id).orElseGet(ResolutionLink::new);
        link.resolutionId = resolution.id;
        link.conversationId = conversation.id;
        link.continuationChannel = CustomerUpdates.continuationChannel(conversation, hasEmail);
        link.language = identity.find(conversation.customerId)
                .map(customer -> customer.metadata == null ? null : customer.metadata.get("language"))
                .map(String::valueOf).orElse("en");
        link.linkedBy = actor.name();
        link.linkedAt = now;
        link.unlinkedAt = null;
        link.persist();
        conversations.change(conversation.id, (linked, at) -> linked.linkResolution(resolution.id, actor, at));
        return link;
    }

    private void pauseClock(Resolution resolution, boolean pause, Instant now) {
        if (pause && resolution.clockPausedAt == null) {
            resolution.clockPausedAt = now;
        } else if (!pause && resolution.clockPausedAt != null) {
            resolution.pausedSeconds += java.time.Duration.between(resolution.clockPausedAt, now).toSeconds();
            resolution.clockPausedAt = null;
        }
    }

    private void recordStatus(Resolution resolution, ResolutionStatus from, ResolutionStatus to, Actor actor, Instant now) {
        ResolutionStatusChange change = new ResolutionStatusChange();
        change.id = UUID.randomUUID();
        change.resolutionId = resolution.id;
        change.fromStatus = from == null ? null : from.wireName();
        change.toStatus = to.wireName();
        change.actor = actor.name();
        change.changedAt = now;
        change.persist();
    }

    public Optional<Resolution> find(UUID id) {
        return Resolution.findByIdOptional(id);
    }

    public Resolution require(UUID id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Resolution", id));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Resolution requireForUpdate(UUID id) {
        Resolution resolution = entityManager.find(Resolution.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (resolution == null) {
            throw ProblemException.notFound("Resolution", id);
        }
        return resolution;
    }

    public Optional<Resolution> findBySwarmChannel(String channelId) {
        return Resolution.find("swarmChannelId", channelId).firstResultOptional();
    }

    private Optional<ResolutionLink> findLink(UUID resolutionId, UUID conversationId) {
        return ResolutionLink.<ResolutionLink>find("resolutionId = ?1 and conversationId = ?2", resolutionId, conversationId)
                .firstResultOptional();
    }

    /** The open (not resolved) Resolution serving the conversation, the latest changed if several do. */
    public Optional<Resolution> openServing(UUID conversationId) {
        return Resolution.<Resolution>find("status <> ?1 and id in (select l.resolutionId from ResolutionLink l "
                        + "where l.conversationId = ?2 and l.unlinkedAt is null) order by updatedAt desc",
                ResolutionStatus.RESOLVED.wireName(), conversationId).firstResultOptional();
    }

    public List<ResolutionLink> activeLinks(UUID resolutionId) {
        return ResolutionLink.list("resolutionId = ?1 and unlinkedAt is null order by linkedAt", resolutionId);
    }

    public List<ResolutionNote> notesOf(UUID resolutionId) {
        return ResolutionNote.list("resolutionId = ?1 order by createdAt", resolutionId);
    }

    public List<ResolutionUpdate> updatesOf(UUID resolutionId) {
        return ResolutionUpdate.list("resolutionId = ?1 order by createdAt", resolutionId);
    }

    public List<ResolutionStatusChange> statusChangesOf(UUID resolutionId) {
        return ResolutionStatusChange.list("resolutionId = ?1 order by changedAt", resolutionId);
    }

    /** Newest first, optionally by status, cursor after an id. */
    public List<Resolution> list(Optional<ResolutionStatus> status, Optional<UUID> after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        status.ifPresent(s -> {
            query.append(" and status = :status");
            params.and("status", s.wireName());
        });
        after.flatMap(this::find).ifPresent(cursor -> {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", cursor.createdAt);
            params.and("id", cursor.id);
        });
        return Resolution.<Resolution>find(query + " order by createdAt desc, id desc", params).page(0, limit).list();
    }
}
