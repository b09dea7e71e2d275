package io.continuum.conversation;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.conversation.attachment.ObjectStore;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.platform.AdvisoryLocks;
import io.continuum.identity.CustomersMerged;
import io.continuum.identity.CustomersUnmerged;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Conversations and their timelines: where an inbound message belongs, replies, notes and
 * the state machine. Nothing here deletes anything.
 */
@ApplicationScoped
public class ConversationService {

    private static final String ENTITY = "conversation";

    private final ConversationConfig config;
    private final AdvisoryLocks locks;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final ObjectStore objectStore;
    private final EntityManager entityManager;
    private final Clock clock;

    ConversationService(ConversationConfig config, AdvisoryLocks locks, AuditTrail audit, Outbox outbox,
                        ObjectStore objectStore, EntityManager entityManager, Clock clock) {
        this.config = config;
        this.locks = locks;
        this.audit = audit;
        this.outbox = outbox;
        this.objectStore = objectStore;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * The conversation an inbound message from this customer belongs to. A reply to an earlier
     * message (e-mail In-Reply-To) lands in that message's conversation; otherwise the customer's
     * latest conversation continues, whatever the channel. A resolved conversation reopens within
     * the reopen window; after it, a new conversation starts, linked to the previous one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Conversation conversationForInbound(UUID customerId, String channel, String threadRef) {
        locks.lock("conversations-of:" + customerId);
        Instant now = clock.instant();
        Optional<Conversation> candidate = Optional.ofNullable(threadRef)
                .flatMap(ref -> Message.<Message>find("externalId = ?1", ref).<Message>firstResultOptional())
                .map(message -> (Conversation) Conversation.findById(message.conversationId))
                .filter(conversation -> conversation.customerId.equals(customerId))
                .or(() -> Conversation.<Conversation>find("customerId = ?1 order by lastMessageAt desc", customerId)
                        .firstResultOptional());
        if (candidate.isPresent()) {
            Conversation conversation = candidate.get();
            boolean beyondReopenWindow = conversation.conversationState() == ConversationState.RESOLVED
                    && conversation.resolvedAt != null
                    && conversation.resolvedAt.plus(config.reopenWindow()).isBefore(now);
            if (!beyondReopenWindow) {
                return conversation;
            }
            return open(customerId, channel, conversation.id, now);
        }
        return open(customerId, channel, null, now);
    }

    private Conversation open(UUID customerId, String channel, UUID previousConversationId, Instant now) {
        Conversation conversation = new Conversation();
        conversation.id = UUID.randomUUID();
        conversation.customerId = customerId;
        conversation.state = ConversationState.OPEN.wireName();
        conversation.useChannel(channel);
        conversation.previousConversationId = previousConversationId;
        conversation.createdAt = now;
        conversation.updatedAt = now;
        conversation.lastMessageAt = now;
        conversation.persist();
        recordStateChange(conversation, null, ConversationState.OPEN, "first message", "system:ingestion", now);
        audit.record(ENTITY, conversation.id, "created", Actor.system("ingestion"), null, snapshot(conversation));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("conversationId", conversation.id);
        event.put("customerId", customerId);
        event.put("channel", channel);
        event.put("previousConversationId", previousConversationId);
        outbox.publish(Topics.CONVERSATION_CREATED, conversation.id, event);
        return conversation;
    }

    /** Appends an inbound message (already deduplicated) and moves the conversation to its next state. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Message appendInbound(Conversation conversation, UUID messageId, UUID customerId, NormalizedMessage inbound) {
        Instant now = clock.instant();
        Message message = new Message();
        message.id = messageId;
        message.conversationId = conversation.id;
        message.channel = inbound.channel();
        message.externalId = inbound.externalId();
        message.direction = Direction.INBOUND.wireName();
        message.content = inbound.content() == null ? "" : inbound.content();
        message.senderCustomerId = customerId;
        message.threadRef = inbound.threadRef();
        message.receivedAt = inbound.receivedAt() == null ? now : inbound.receivedAt();
        message.createdAt = now;
        message.persist();
        for (NormalizedMessage.InboundAttachment file : inbound.attachments()) {
            storeAttachment(message.id, file, now);
        }
        conversation.useChannel(inbound.channel());
        conversation.lastMessageAt = now;
        conversation.updatedAt = now;
        ConversationState from = conversation.conversationState();
        ConversationState to = from.onInboundMessage();
        if (to != from) {
            changeState(conversation, to, to == ConversationState.REOPENED ? "customer wrote again" : "customer wrote",
                    Actor.system("ingestion"), now);
        }
        return message;
    }

    /** A file of an inbound message that the channel could only deliver after the message was stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void attachLater(UUID messageId, NormalizedMessage.InboundAttachment file) {
        storeAttachment(messageId, file, clock.instant());
    }

    private void storeAttachment(UUID messageId, NormalizedMessage.InboundAttachment file, Instant now) {
        ObjectStore.StoredObject stored = objectStore.put(file.content());
        Attachment attachment = new Attachment();
        attachment.id = UUID.randomUUID();
        attachment.messageId = messageId;
        attachment.fileName = file.fileName();
        attachment.contentType = file.contentType() == null ? "application/octet-stream" : file.contentType();
        attachment.sizeBytes = stored.sizeBytes();
        attachment.sha256 = stored.sha256();
        attachment.storageKey = stored.key();
        attachment.createdAt = now;
        attachment.persist();
    }

    /** An agent's reply, queued for delivery on the named channel or the conversation's current one. */
    @Transactional
    public Message reply(UUID conversationId, String content, Optional<String> channel, String agent) {
        return reply(conversationId, content, channel, agent, Actor.human(agent));
    }

    /** A reply by the first-contact AI ({@code author} "ai:…"), already vetted by the failsafes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Message replyAutomatically(UUID conversationId, String content, String author) {
        return reply(conversationId, content, Optional.empty(), author, Actor.ai(author));
    }

    /**
     * An automated message to the customer on a named channel (a Resolution's continuation channel),
     * already vetted by the failsafes; {@code author} names the automation ("system:resolution").
     * It keeps the customer informed but is no answer to them, so the conversation's state stays as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Message sendAutomatically(UUID conversationId, String content, String channel, String author, Actor actor) {
        return reply(conversationId, content, Optional.ofNullable(channel), author, actor, false);
    }

    /** Points the conversation at the Resolution that serves it, or at none ({@code null}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void linkResolution(UUID conversationId, UUID resolutionId, Actor actor) {
        Conversation conversation = requireForUpdate(conversationId);
        UUID before = conversation.resolutionId;
        conversation.resolutionId = resolutionId;
        conversation.updatedAt = clock.instant();
        Map<String, Object> from = new HashMap<>();
        from.put("resolutionId", before);
        Map<String, Object> to = new HashMap<>();
        to.put("resolutionId", resolutionId);
        audit.record(ENTITY, conversationId, resolutionId == null ? "resolution-unlinked" : "resolution-linked", actor,
                from, to);
    }

    private Message reply(UUID conversationId, String content, Optional<String> channel, String agent, Actor actor) {
        return reply(conversationId, content, channel, agent, actor, true);
    }

    private Message reply(UUID conversationId, String content, Optional<String> channel, String agent, Actor actor,
                          boolean answersCustomer) {
        Conversation conversation = requireForUpdate(conversationId);
        checkContent(content);
        Instant now = clock.instant();
        Message message = new Message();
        message.id = UUID.randomUUID();
        message.conversationId = conversationId;
        message.channel = channel.orElse(conversation.currentChannel);
        message.externalId = "continuum:" + message.id;
        message.direction = Direction.OUTBOUND.wireName();
        message.content = content;
        message.author = agent;
        message.deliveryStatus = "queued";
        message.receivedAt = now;
        message.createdAt = now;
        message.persist();
        conversation.useChannel(message.channel);
        conversation.updatedAt = now;
        ConversationState from = conversation.conversationState();
        ConversationState to = answersCustomer ? from.onAgentReply() : from;
        if (to != from) {
            changeState(conversation, to, "agent replied", actor, now);
        }
        audit.record(ENTITY, conversationId, "replied", actor, null,
                Map.of("messageId", message.id, "channel", message.channel));
        // outbound delivery (issue 9) takes the reply to the customer from this event
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("messageId", message.id);
        sent.put("conversationId", conversationId);
        sent.put("channel", message.channel);
        sent.put("author", agent);
        outbox.publish(Topics.MESSAGE_SENT, conversationId, sent);
        return message;
    }

    @Transactional
    public ConversationNote addNote(UUID conversationId, String content, String author) {
        require(conversationId);
        checkContent(content);
        ConversationNote note = new ConversationNote();
        note.id = UUID.randomUUID();
        note.conversationId = conversationId;
        note.author = author;
        note.content = content;
        note.createdAt = clock.instant();
        note.persist();
        audit.record(ENTITY, conversationId, "note-added", Actor.human(author), null, Map.of("noteId", note.id));
        return note;
    }

    /** A person moves the conversation; an illegal move answers 409 with the states allowed from here. */
    @Transactional
    public Conversation transition(UUID conversationId, ConversationState to, String reason, String actor) {
        Conversation conversation = requireForUpdate(conversationId);
        ConversationState from = conversation.conversationState();
        if (!from.canMoveTo(to)) {
            throw new ProblemException(Problem.of(409, "illegal-transition", "Conflict",
                            "A conversation cannot go from " + from.wireName() + " to " + to.wireName())
                    .withExtension("state", from.wireName())
                    .withExtension("allowed", from.allowedNext().stream().map(ConversationState::wireName).sorted().toList()));
        }
        changeState(conversation, to, reason, Actor.human(actor), clock.instant());
        return conversation;
    }

    private void changeState(Conversation conversation, ConversationState to, String reason, Actor actor, Instant now) {
        ConversationState from = conversation.conversationState();
        Map<String, Object> before = snapshot(conversation);
        conversation.state = to.wireName();
        conversation.updatedAt = now;
        if (to == ConversationState.RESOLVED) {
            conversation.resolvedAt = now;
        }
        recordStateChange(conversation, from, to, reason, actor.type().wireName() + ":" + actor.name(), now);
        audit.record(ENTITY, conversation.id, "state-changed", actor, before, snapshot(conversation));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("conversationId", conversation.id);
        event.put("from", from.wireName());
        event.put("to", to.wireName());
        event.put("reason", reason);
        event.put("actor", actor.type().wireName() + ":" + actor.name());
        outbox.publish(Topics.CONVERSATION_STATE_CHANGED, conversation.id, event);
        if (to == ConversationState.ESCALATED) {
            outbox.publish(Topics.CONVERSATION_ESCALATED, conversation.id, event);
        }
    }

    private static void recordStateChange(Conversation conversation, ConversationState from, ConversationState to,
                                          String reason, String actor, Instant now) {
        ConversationStateChange change = new ConversationStateChange();
        change.id = UUID.randomUUID();
        change.conversationId = conversation.id;
        change.fromState = from == null ? null : from.wireName();
        change.toState = to.wireName();
        change.reason = reason;
        change.actor = actor;
        change.changedAt = now;
        change.persist();
    }

    /** What first contact decided: recorded once, when the conversation is triaged. */
    public record Triage(String intent, String severity, String queue, List<String> requiredSkills, String handlingMode,
                         Integer priority) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordTriage(UUID conversationId, Triage triage, Actor actor) {
        Conversation conversation = requireForUpdate(conversationId);
        Map<String, Object> before = snapshot(conversation);
        conversation.intent = triage.intent();
        conversation.severity = triage.severity();
        conversation.queue = triage.queue();
        conversation.requiredSkills = new java.util.ArrayList<>(triage.requiredSkills());
        conversation.handlingMode = triage.handlingMode();
        conversation.priority = triage.priority();
        conversation.triagedAt = clock.instant();
        conversation.updatedAt = conversation.triagedAt;
        audit.record(ENTITY, conversationId, "triaged", actor, before, snapshot(conversation));
    }

    /** A person overrides what first contact decided; absent fields stay as they were. */
    public record Correction(Optional<String> intent, Optional<String> severity, Optional<String> queue) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Conversation correct(UUID conversationId, Correction correction, String person) {
        Conversation conversation = requireForUpdate(conversationId);
        Map<String, Object> before = Map.of("intent", String.valueOf(conversation.intent),
                "severity", String.valueOf(conversation.severity), "queue", String.valueOf(conversation.queue));
        correction.intent().ifPresent(intent -> conversation.intent = intent);
        correction.severity().ifPresent(severity -> conversation.severity = severity);
        correction.queue().ifPresent(queue -> conversation.queue = queue);
        conversation.updatedAt = clock.instant();
        audit.record(ENTITY, conversationId, "corrected", Actor.human(person), before,
                Map.of("intent", String.valueOf(conversation.intent), "severity", String.valueOf(conversation.severity),
                        "queue", String.valueOf(conversation.queue)));
        return conversation;
    }

    /** The AI's reading of an inbound message, kept on the message and shown in the timeline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void annotate(UUID messageId, Map<String, Object> annotations) {
        Message message = Message.findById(messageId);
        message.aiAnnotations = new java.util.LinkedHashMap<>(annotations);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void attachHandoffBrief(UUID conversationId, Map<String, Object> brief, Actor actor) {
        Conversation conversation = requireForUpdate(conversationId);
        conversation.handoffBrief = new java.util.LinkedHashMap<>(brief);
        conversation.updatedAt = clock.instant();
        audit.record(ENTITY, conversationId, "handoff-brief", actor, null, Map.of("queue", String.valueOf(brief.get("suggestedQueue"))));
    }

    /** Automation changes state only along legal transitions; a person's later choice always wins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean moveAutomatically(UUID conversationId, ConversationState to, String reason, Actor actor) {
        Conversation conversation = requireForUpdate(conversationId);
        ConversationState from = conversation.conversationState();
        if (from == to || !from.canMoveTo(to)) {
            return false;
        }
        changeState(conversation, to, reason, actor, clock.instant());
        return true;
    }

    /** True once a person has replied, moved the conversation or been assigned: automation stops speaking for us. */
    public boolean humanInvolved(Conversation conversation) {
        return conversation.assignedAgentId != null
                || Message.count("conversationId = ?1 and direction = 'outbound' and author is not null and author not like 'ai:%'",
                conversation.id) > 0
                || ConversationStateChange.count("conversationId = ?1 and actor like 'human:%'", conversation.id) > 0;
    }

    /** SLA due times of the conversation; an explicit re-application replaces earlier ones. */
    public record SlaTargets(Instant firstResponseDueAt, Instant nextResponseDueAt, Instant resolutionDueAt) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applySlaTargets(UUID conversationId, SlaTargets targets, Actor actor) {
        Conversation conversation = requireForUpdate(conversationId);
        Map<String, Object> before = Map.of("firstResponseDueAt", String.valueOf(conversation.firstResponseDueAt),
                "resolutionDueAt", String.valueOf(conversation.resolutionDueAt));
        conversation.firstResponseDueAt = targets.firstResponseDueAt();
        conversation.nextResponseDueAt = targets.nextResponseDueAt();
        conversation.resolutionDueAt = targets.resolutionDueAt();
        conversation.updatedAt = clock.instant();
        audit.record(ENTITY, conversationId, "sla-targets-set", actor, before,
                Map.of("firstResponseDueAt", String.valueOf(targets.firstResponseDueAt()),
                        "resolutionDueAt", String.valueOf(targets.resolutionDueAt())));
    }

    // --- routing and SLA clocks (issue 6) ---

    /**
     * Gives the conversation to an agent unless another one holds it. The row lock makes racing
     * assigners take turns, so exactly one of them wins.
     * @return false when a different agent already holds the conversation
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean assignAgent(UUID conversationId, String agentId, Actor actor) {
        Conversation conversation = requireForUpdate(conversationId);
        if (conversation.assignedAgentId != null) {
            return conversation.assignedAgentId.equals(agentId);
        }
        Map<String, Object> before = snapshot(conversation);
        conversation.assignedAgentId = agentId;
        conversation.updatedAt = clock.instant();
        audit.record(ENTITY, conversationId, "assigned", actor, before, snapshot(conversation));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("conversationId", conversationId);
        event.put("agentId", agentId);
        event.put("by", actor.type().wireName() + ":" + actor.name());
        outbox.publish(Topics.CONVERSATION_ASSIGNED, conversationId, event);
        return true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseAgent(UUID conversationId, Actor actor) {
        Conversation conversation = requireForUpdate(conversationId);
        if (conversation.assignedAgentId == null) {
            return;
        }
        Map<String, Object> before = snapshot(conversation);
        conversation.assignedAgentId = null;
        conversation.updatedAt = clock.instant();
        audit.record(ENTITY, conversationId, "unassigned", actor, before, snapshot(conversation));
    }

    /** Routing rules moved the conversation (queue, priority); never its assignee. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reprioritize(UUID conversationId, String queue, Integer priority, Actor actor) {
        Conversation conversation = requireForUpdate(conversationId);
        Map<String, Object> before = snapshot(conversation);
        conversation.queue = queue;
        conversation.priority = priority;
        conversation.updatedAt = clock.instant();
        audit.record(ENTITY, conversationId, "reprioritized", actor, before, snapshot(conversation));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markSlaBreached(UUID conversationId, String clock, Actor actor) {
        // a conversation erased on request leaves no row to mark
        Conversation.<Conversation>findByIdOptional(conversationId, LockModeType.PESSIMISTIC_WRITE)
                .filter(conversation -> !conversation.slaBreached)
                .ifPresent(conversation -> {
                    conversation.slaBreached = true;
                    audit.record(ENTITY, conversationId, "sla-breached", actor, null, Map.of("clock", clock));
                });
    }

    /** Conversations not resolved, oldest first, after the cursor: for re-applying a policy. */
    public List<Conversation> unresolved(Optional<UUID> after, int limit) {
        return after.map(cursor -> Conversation.<Conversation>find("state <> 'resolved' and id > ?1 order by id", cursor))
                .orElseGet(() -> Conversation.find("state <> 'resolved' order by id"))
                .page(0, limit).list();
    }

    void moveToSurvivor(@Observes CustomersMerged merge) {
        entityManager.createQuery("update Conversation set customerId = :survivor, movedByMergeId = :merge "
                        + "where customerId = :merged")
                .setParameter("survivor", merge.survivingId())
                .setParameter("merge", merge.mergeId())
                .setParameter("merged", merge.mergedId())
                .executeUpdate();
    }

    void moveBack(@Observes CustomersUnmerged unmerge) {
        entityManager.createQuery("update Conversation set customerId = :merged, movedByMergeId = null "
                        + "where movedByMergeId = :merge")
                .setParameter("merged", unmerge.mergedId())
                .setParameter("merge", unmerge.mergeId())
                .executeUpdate();
    }

    public Optional<Conversation> find(UUID id) {
        return Conversation.findByIdOptional(id);
    }

    public Conversation require(UUID id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Conversation", id));
    }

    /**
     * Loads the conversation locked until the transaction ends, so people and automation changing
     * it at the same moment take turns instead of failing on each other's version.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Conversation requireForUpdate(UUID id) {
        return Conversation.<Conversation>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Conversation", id));
    }

    public Optional<Message> findMessage(String channel, String externalId) {
        return Message.find("channel = ?1 and externalId = ?2", channel, externalId).firstResultOptional();
    }

    public List<Message> messagesOf(UUID conversationId) {
        return Message.list("conversationId = ?1 order by createdAt, id", conversationId);
    }

    public List<Attachment> attachmentsOf(List<UUID> messageIds) {
        return messageIds.isEmpty() ? List.of() : Attachment.list("messageId in ?1 order by createdAt", messageIds);
    }

    public List<ConversationNote> notesOf(UUID conversationId) {
        return ConversationNote.list("conversationId = ?1 order by createdAt", conversationId);
    }

    public List<ConversationStateChange> stateChangesOf(UUID conversationId) {
        return ConversationStateChange.list("conversationId = ?1 order by changedAt", conversationId);
    }

    /** Filters for the conversation list; absent means any. */
    public record ListFilter(Optional<ConversationState> state, Optional<String> queue, Optional<String> assignee,
                             Optional<UUID> customerId) {
    }

    /** Newest first; the cursor is the last conversation of the previous page. */
    public List<Conversation> list(ListFilter filter, Optional<UUID> after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        filter.state().ifPresent(state -> {
            query.append(" and state = :state");
            parameters.put("state", state.wireName());
        });
        filter.queue().ifPresent(queue -> {
            query.append(" and queue = :queue");
            parameters.put("queue", queue);
        });
        filter.assignee().ifPresent(assignee -> {
            query.append(" and assignedAgentId = :assignee");
            parameters.put("assignee", assignee);
        });
        filter.customerId().ifPresent(customerId -> {
            query.append(" and customerId = :customerId");
            parameters.put("customerId", customerId);
        });
        after.flatMap(this::find).ifPresent(cursor -> {
            query.append(" and (createdAt < :cursorCreated or (createdAt = :cursorCreated and id < :cursorId))");
            parameters.put("cursorCreated", cursor.createdAt);
            parameters.put("cursorId", cursor.id);
        });
        query.append(" order by createdAt desc, id desc");
        return Conversation.<Conversation>find(query.toString(), parameters).page(0, limit).list();
    }

    public void checkContent(String content) {
        if (content == null || content.isBlank()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The message has no content")
                    .withErrors(List.of(Problem.FieldError.ofField("content", "must not be blank"))));
        }
        if (content.length() > config.maxContentLength()) {
            throw new ProblemException(Problem.of(413, "content-too-large", "Content Too Large",
                    "Content has " + content.length() + " characters; the limit is " + config.maxContentLength()));
        }
    }

    private static Map<String, Object> snapshot(Conversation conversation) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", conversation.state);
        state.put("customerId", conversation.customerId);
        state.put("currentChannel", conversation.currentChannel);
        state.put("assignedAgentId", conversation.assignedAgentId);
        state.put("queue", conversation.queue);
        state.put("severity", conversation.severity);
        state.put("handlingMode", conversation.handlingMode);
        state.put("priority", conversation.priority);
        return state;
    }
}
