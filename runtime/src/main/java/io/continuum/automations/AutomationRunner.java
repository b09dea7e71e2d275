package io.continuum.automations;

import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs the live automations on every event about a conversation that automations can match (each event once,
 * whichever node or redelivery brings it): builds the facts, decides with the live table (logged), and carries
 * out what the fired rows ask, publishing {@code automation.triggered} and an {@code automation.executed} per action.
 * An event its own actions caused (they act as {@link #AUTHOR}) never runs them again, so no automation loops on
 * itself; what loops through the outside world (an auto-responder answering every reply) the storm limit stops.
 */
@ApplicationScoped
public class AutomationRunner {

    /** How automations sign what they do ("type:name" of their actor): the marker of the events they caused. */
    public static final String AUTHOR = "rule:" + AutomationsPolicy.NAME;
    static final String CONSUMER = "automations";

    /**
     * The events automations run on, by the event type the table reads. A conversation's first customer message is
     * matched once triaged (message.classified), so its intent and severity are known; later ones, which triage does
     * not read again, when received.
     */
    static final Map<String, String> EVENT_TYPES = Map.of(
            Topics.MESSAGE_CLASSIFIED, "message-received",
            Topics.MESSAGE_RECEIVED, "message-received",
            Topics.MESSAGE_SENT, "message-sent",
            Topics.CONVERSATION_STATE_CHANGED, "state-changed",
            Topics.CONVERSATION_ASSIGNED, "assigned",
            Topics.SLA_WARNING, "sla-warning",
            Topics.SLA_BREACHED, "sla-breach",
            Topics.CSAT_RECEIVED, "csat-received");

    /** Published on {@code Topics.AUTOMATION_TRIGGERED} when rows fired: which, on what, by which logged decision. */
    public record Triggered(UUID conversationId, String trigger, UUID eventId, int policyVersion, UUID decisionId,
                            List<String> rows, List<String> automations) {
    }

    private final IdempotentConsumer idempotent;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final AutomationFacts facts;
    private final AutomationsPolicy policy;
    private final AutomationActions actions;
    private final Outbox outbox;
    private final Clock clock;

    AutomationRunner(IdempotentConsumer idempotent, Conversations conversations, ConversationTimeline timeline,
                     AutomationFacts facts,
                     AutomationsPolicy policy, AutomationActions actions, Outbox outbox, Clock clock) {
        this.idempotent = idempotent;
        this.conversations = conversations;
        this.timeline = timeline;
        this.facts = facts;
        this.policy = policy;
        this.actions = actions;
        this.outbox = outbox;
        this.clock = clock;
    }

    void onEvent(@Observes DomainEvent event) {
        String eventType = EVENT_TYPES.get(event.topic());
        if (eventType == null || causedByAutomation(event) || saysItOpensTheConversation(event)) {
            return;
        }
        idempotent.handleOnce(CONSUMER, event, () -> {
            if (!Topics.MESSAGE_RECEIVED.equals(event.topic()) || !opensTheConversation(event)) {
                run(event.aggregateId(), eventType, event.id());
            }
        });
    }

    /**
     * The conversation's first customer message, matched on message.classified once triage has read it: no
     * transaction is spent on its message.received.
     */
    private static boolean saysItOpensTheConversation(DomainEvent event) {
        return Topics.MESSAGE_RECEIVED.equals(event.topic()) && event.payload().path("opensConversation").asBoolean(false);
    }

    /** The same, for a message.received written before the event said so: read from the timeline. */
    private boolean opensTheConversation(DomainEvent event) {
        if (event.payload().has("opensConversation")) {
            return event.payload().path("opensConversation").asBoolean();
        }
        UUID messageId = UUID.fromString(event.payload().path("messageId").asText());
        return timeline.firstInbound(event.aggregateId()).map(first -> first.id.equals(messageId)).orElse(true);
    }

    /** The state move, assignment or message was made by an automation: its actor or author is {@link #AUTHOR}. */
    static boolean causedByAutomation(DomainEvent event) {
        return Stream.of("actor", "by", "author").map(field -> event.payload().path(field).asText(""))
                .anyMatch(AUTHOR::equals);
    }

    private void run(UUID conversationId, String eventType, UUID eventId) {
        // locked from the first read: loading it unlocked first would make the lock fail on any change in between
        Optional<Conversation> found = conversations.findForUpdate(conversationId);
        if (found.isEmpty()) {
            // erased on request since the event was written
            return;
        }
        Conversation conversation = found.get();
        AutomationsPolicy.Verdict verdict = policy.decide(facts.of(conversation, eventType, clock.instant()), conversationId);
        execute(conversationId, verdict.fired(), new AutomationActions.Run(eventType, eventId, verdict.decisionId(),
                verdict.version(), clock.instant()));
    }

    /** Carries out the fired rows in order, after publishing that they fired. */
    @Transactional(Transactional.TxType.MANDATORY)
    void execute(UUID conversationId, List<AutomationsPolicy.Fired> fired, AutomationActions.Run run) {
        if (fired.isEmpty()) {
            return;
        }
        outbox.publish(Topics.AUTOMATION_TRIGGERED, conversationId, new Triggered(conversationId, run.trigger(),
                run.eventId(), run.policyVersion(), run.decisionId(),
                fired.stream().map(AutomationsPolicy.Fired::rowId).toList(),
                fired.stream().map(AutomationsPolicy.Fired::automation).toList()));
        for (AutomationsPolicy.Fired row : fired) {
            actions.execute(conversationId, row, run);
        }
    }
}
