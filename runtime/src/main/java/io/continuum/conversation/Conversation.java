package io.continuum.conversation;

import io.continuum.audit.Actor;
import io.continuum.events.Topics;
import io.continuum.privacy.SealedJson;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One customer's never-ending timeline with Continuum, across every channel they use.
 * Every change is a method here that checks its own rules and records what it changed; other
 * features read the fields but change a conversation only through these methods, inside
 * {@link Conversations#change}, which audits and publishes what the method recorded.
 */
@Entity
public class Conversation extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID customerId;
    public String state;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> channelsUsed = new ArrayList<>();
    public String currentChannel;
    public String assignedAgentId;
    public String queue;
    public Instant firstResponseDueAt;
    public Instant nextResponseDueAt;
    public Instant resolutionDueAt;
    public boolean slaBreached;
    public UUID resolutionId;
    public UUID previousConversationId;
    public UUID movedByMergeId;
    public String severity;
    public Integer priority;
    public String handlingMode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> requiredSkills = new ArrayList<>();
    public Instant triagedAt;
    public String intent;
    /** Labels people and automations put on the conversation (automations can match them). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();
    /**
     * What first contact tells the agent who takes over (intent, severity, summary, entities, what it tried…),
     * opened; empty once the customer is erased. It quotes them, so it is stored sealed in {@code sealedHandoffBrief}.
     */
    @Transient
    public Map<String, Object> handoffBrief;
    @Column(name = "handoff_brief")
    String sealedHandoffBrief;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant lastMessageAt;
    public Instant resolvedAt;
    /** When retention removed the words (messages, notes, attachments); the conversation stays as a shell. */
    public Instant contentRedactedAt;
    @Version
    public long version;

    /** What the methods below changed since the last save. */
    @Transient
    private final List<ConversationChange> pendingChanges = new ArrayList<>();

    public ConversationState conversationState() {
        return ConversationState.fromWire(state);
    }

    /** A new conversation for the customer's first message (or the first after the reopen window). */
    static Conversation open(UUID customerId, String channel, UUID previousConversationId, Actor actor, Instant now) {
        Conversation conversation = new Conversation();
        conversation.id = UUID.randomUUID();
        conversation.customerId = customerId;
        conversation.state = ConversationState.OPEN.wireName();
        conversation.useChannel(channel);
        conversation.previousConversationId = previousConversationId;
        conversation.createdAt = now;
        conversation.updatedAt = now;
        conversation.lastMessageAt = now;
        conversation.pendingChanges.add(new ConversationChange("created", actor, null, conversation.snapshot(),
                Optional.of(conversation.stateMove(null, ConversationState.OPEN, "first message", actor, now)), List.of())
                .publishing(Topics.CONVERSATION_CREATED,
                        new ConversationEvent.Created(conversation.id, customerId, channel, previousConversationId)));
        return conversation;
    }

    /** The customer wrote: the conversation continues on their channel and moves to its next state. */
    void receive(String channel, Actor actor, Instant now) {
        useChannel(channel);
        lastMessageAt = now;
        updatedAt = now;
        ConversationState from = conversationState();
        ConversationState to = from.onInboundMessage();
        if (to != from) {
            moveTo(to, to == ConversationState.REOPENED ? "customer wrote again" : "customer wrote", actor, now);
        }
    }

    /**
     * We wrote to the customer. A reply answers them (awaiting the customer now); an automated update
     * ({@code answersCustomer} false) keeps them informed and leaves the state as it is.
     */
    void answer(UUID messageId, String channel, String author, boolean answersCustomer, Actor actor, Instant now) {
        useChannel(channel);
        updatedAt = now;
        ConversationState from = conversationState();
        ConversationState to = answersCustomer ? from.onAgentReply() : from;
        if (to != from) {
            moveTo(to, "agent replied", actor, now);
        }
        record(ConversationChange.audited("replied", actor, null, new AuditedState.Reply(messageId, channel))
                .publishing(Topics.MESSAGE_SENT, new ConversationEvent.MessageSent(messageId, id, channel, author)));
    }

    /** A person moves the conversation; an illegal move is a 409 naming the states allowed from here. */
    public void transition(ConversationState to, String reason, Actor actor, Instant now) {
        ConversationState from = conversationState();
        if (!from.canMoveTo(to)) {
            throw new ProblemException(Problem.of(409, "illegal-transition", "Conflict",
                            "A conversation cannot go from " + from.wireName() + " to " + to.wireName())
                    .withExtension("state", from.wireName())
                    .withExtension("allowed", from.allowedNext().stream().map(ConversationState::wireName).sorted().toList()));
        }
        moveTo(to, reason, actor, now);
    }

    /**
     * Automation changes state only along legal transitions; a person's later choice always wins.
     * @return false when the conversation is already there or cannot go there from where it is
     */
    public boolean moveAutomatically(ConversationState to, String reason, Actor actor, Instant now) {
        ConversationState from = conversationState();
        if (from == to || !from.canMoveTo(to)) {
            return false;
        }
        moveTo(to, reason, actor, now);
        return true;
    }

    /** What triage decided, recorded once when the conversation is triaged. */
    public void triage(TriageOutcome outcome, Actor actor, Instant now) {
        AuditedState.Snapshot before = snapshot();
        intent = outcome.intent();
        severity = outcome.severity();
        queue = outcome.queue();
        requiredSkills = new ArrayList<>(outcome.requiredSkills());
        handlingMode = outcome.handlingMode();
        priority = outcome.priority();
        triagedAt = now;
        updatedAt = now;
        record(ConversationChange.audited("triaged", actor, before, snapshot()));
    }

    /** A person overrides what triage decided. */
    public void correct(Correction correction, Actor person, Instant now) {
        AuditedState.TriageFigures before = triageFigures();
        correction.intent().ifPresent(value -> intent = value);
        correction.severity().ifPresent(value -> severity = value);
        correction.queue().ifPresent(value -> queue = value);
        updatedAt = now;
        record(ConversationChange.audited("corrected", person, before, triageFigures()));
    }

    /** What first contact tells the person who takes over. */
    public void attachHandoffBrief(Map<String, Object> brief, Actor actor, Instant now) {
        handoffBrief = new LinkedHashMap<>(brief);
        sealedHandoffBrief = SealedJson.instance().seal(customerId, handoffBrief);
        updatedAt = now;
        record(ConversationChange.audited("handoff-brief", actor, null,
                new AuditedState.BriefQueue(String.valueOf(brief.get("suggestedQueue")))));
    }

    /** SLA due times; an explicit re-application replaces earlier ones. */
    public void setSlaTargets(SlaTargets targets, Actor actor, Instant now) {
        AuditedState.DueTimes before = new AuditedState.DueTimes(String.valueOf(firstResponseDueAt),
                String.valueOf(resolutionDueAt));
        firstResponseDueAt = targets.firstResponseDueAt();
        nextResponseDueAt = targets.nextResponseDueAt();
        resolutionDueAt = targets.resolutionDueAt();
        updatedAt = now;
        record(ConversationChange.audited("sla-targets-set", actor, before,
                new AuditedState.DueTimes(String.valueOf(targets.firstResponseDueAt()),
                        String.valueOf(targets.resolutionDueAt()))));
    }

    /** Once set, a breach stays: marking it again changes nothing. */
    public void markSlaBreached(String clockKind, Actor actor) {
        if (slaBreached) {
            return;
        }
        slaBreached = true;
        record(ConversationChange.audited("sla-breached", actor, null, new AuditedState.BreachedClock(clockKind)));
    }

    /**
     * Gives the conversation to an agent unless another one holds it.
     * @return false when a different agent already holds the conversation
     */
    public boolean assign(String agentId, Actor actor, Instant now) {
        if (assignedAgentId != null) {
            return assignedAgentId.equals(agentId);
        }
        AuditedState.Snapshot before = snapshot();
        assignedAgentId = agentId;
        updatedAt = now;
        record(ConversationChange.audited("assigned", actor, before, snapshot())
                .publishing(Topics.CONVERSATION_ASSIGNED,
                        new ConversationEvent.Assigned(id, agentId, actor.type().wireName() + ":" + actor.name())));
        return true;
    }

    public void release(Actor actor, Instant now) {
        if (assignedAgentId == null) {
            return;
        }
        AuditedState.Snapshot before = snapshot();
        assignedAgentId = null;
        updatedAt = now;
        record(ConversationChange.audited("unassigned", actor, before, snapshot()));
    }

    /** Routing rules move the conversation (queue, priority); never its assignee. */
    public void reprioritize(String newQueue, Integer newPriority, Actor actor, Instant now) {
        AuditedState.Snapshot before = snapshot();
        queue = newQueue;
        priority = newPriority;
        updatedAt = now;
        record(ConversationChange.audited("reprioritized", actor, before, snapshot()));
    }

    /** @return false when the conversation already has the tag */
    public boolean tag(String tag, Actor actor, Instant now) {
        if (tags.contains(tag)) {
            return false;
        }
        List<String> before = List.copyOf(tags);
        tags.add(tag);
        updatedAt = now;
        record(ConversationChange.audited("tagged", actor, new AuditedState.Tags(before), new AuditedState.Tags(List.copyOf(tags))));
        return true;
    }

    /** @return false when the conversation did not have the tag */
    public boolean untag(String tag, Actor actor, Instant now) {
        List<String> before = List.copyOf(tags);
        if (!tags.remove(tag)) {
            return false;
        }
        updatedAt = now;
        record(ConversationChange.audited("untagged", actor, new AuditedState.Tags(before), new AuditedState.Tags(List.copyOf(tags))));
        return true;
    }

    /** Points the conversation at the Resolution that serves it, or at none ({@code null}). */
    public void linkResolution(UUID newResolutionId, Actor actor, Instant now) {
        AuditedState.ResolutionLink before = new AuditedState.ResolutionLink(resolutionId);
        resolutionId = newResolutionId;
        updatedAt = now;
        record(ConversationChange.audited(newResolutionId == null ? "resolution-unlinked" : "resolution-linked",
                actor, before, new AuditedState.ResolutionLink(newResolutionId)));
    }

    /**
     * Retention removed what was said: the hand-off brief quoting it goes here, the messages, notes and files
     * with {@link ConversationRetention#redactContent}. Not an activity: the last-activity time stays as it was.
     */
    void redactContent(Actor actor, Instant now) {
        contentRedactedAt = now;
        handoffBrief = null;
        sealedHandoffBrief = null;
        record(ConversationChange.audited("content-redacted", actor, null, new AuditedState.Redacted(now.toString())));
    }

    @PostLoad
    void openHandoffBrief() {
        handoffBrief = sealedHandoffBrief == null ? null
                : SealedJson.instance().open(sealedHandoffBrief).orElseGet(LinkedHashMap::new);
    }

    /** Hands the recorded changes to the one who saves them, once. */
    List<ConversationChange> drainChanges() {
        List<ConversationChange> drained = List.copyOf(pendingChanges);
        pendingChanges.clear();
        return drained;
    }

    private void moveTo(ConversationState to, String reason, Actor actor, Instant now) {
        ConversationState from = conversationState();
        AuditedState.Snapshot before = snapshot();
        state = to.wireName();
        updatedAt = now;
        if (to == ConversationState.RESOLVED) {
            resolvedAt = now;
        }
        ConversationEvent.StateChanged moved = new ConversationEvent.StateChanged(id, from.wireName(), to.wireName(),
                actor.type().wireName() + ":" + actor.name());
        ConversationChange change = new ConversationChange("state-changed", actor, before, snapshot(),
                Optional.of(stateMove(from, to, reason, actor, now)), List.of())
                .publishing(Topics.CONVERSATION_STATE_CHANGED, moved);
        record(to == ConversationState.ESCALATED ? change.publishing(Topics.CONVERSATION_ESCALATED, moved) : change);
    }

    private ConversationStateChange stateMove(ConversationState from, ConversationState to, String reason, Actor actor,
                                              Instant now) {
        ConversationStateChange move = new ConversationStateChange();
        move.id = UUID.randomUUID();
        move.conversationId = id;
        move.fromState = from == null ? null : from.wireName();
        move.toState = to.wireName();
        move.write(customerId, reason);
        move.actor = actor.type().wireName() + ":" + actor.name();
        move.changedAt = now;
        return move;
    }

    private void record(ConversationChange change) {
        pendingChanges.add(change);
    }

    private void useChannel(String channel) {
        currentChannel = channel;
        if (!channelsUsed.contains(channel)) {
            channelsUsed.add(channel);
        }
    }

    private AuditedState.TriageFigures triageFigures() {
        return new AuditedState.TriageFigures(String.valueOf(intent), String.valueOf(severity), String.valueOf(queue));
    }

    private AuditedState.Snapshot snapshot() {
        return new AuditedState.Snapshot(state, customerId, currentChannel, assignedAgentId, queue, severity,
                handlingMode, priority);
    }
}
