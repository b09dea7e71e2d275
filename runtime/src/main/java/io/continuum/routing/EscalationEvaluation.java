package io.continuum.routing;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Direction;
import io.continuum.conversation.Message;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates the live escalation-triggers rules ({@link EscalationPolicy}) on every relevant event —
 * a customer message after triage (first contact calls it once it has read the message, so the
 * rules see its confidence and the sentiment trend), an SLA warning or breach — and carries out
 * what they ask: escalate, raise priority, move queue, notify a supervisor. It never runs on the
 * events its own actions produce (state changes, escalations, automation events), so automation
 * never re-triggers itself. No action changes who holds a conversation, and a conversation a person
 * assigned keeps its queue too.
 */
@ApplicationScoped
public class EscalationEvaluation {

    private static final Set<String> TRIGGERING = Set.of(Topics.SLA_WARNING, Topics.SLA_BREACHED);

    /** Audited when a rule's action yields to a person's choice. */
    private record SkippedAction(String rule, String action, String why) {
    }

    /** Published on {@code Topics.AUTOMATION_EXECUTED} when a rule tells the supervisors. */
    record AutomationExecuted(UUID conversationId, String rule, String action, String reason, String cause) {
    }

    private final EscalationPolicy policy;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final WaitingQueue waiting;
    private final Assignments assignments;
    private final IdempotentConsumer idempotent;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    EscalationEvaluation(EscalationPolicy policy, Conversations conversations, ConversationTimeline timeline,
                         WaitingQueue waiting, Assignments assignments, IdempotentConsumer idempotent, Outbox outbox, AuditTrail audit, Clock clock) {
        this.policy = policy;
        this.conversations = conversations;
        this.timeline = timeline;
        this.waiting = waiting;
        this.assignments = assignments;
        this.idempotent = idempotent;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    void onEvent(@Observes DomainEvent event) {
        if (TRIGGERING.contains(event.topic())) {
            idempotent.handleOnce("escalation-triggers", event, () -> evaluate(event));
        }
    }

    private void evaluate(DomainEvent event) {
        UUID conversationId = UUID.fromString(event.payload().path("conversationId").asText());
        if (conversations.find(conversationId).isEmpty()) {
            return;
        }
        evaluate(conversationId, Topics.SLA_WARNING.equals(event.topic()) ? "warning" : "breached", event.topic());
    }

    /** Decides with the live rules and applies their actions; returns what fired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EscalationPolicy.Trigger> evaluate(UUID conversationId, String slaState, String cause) {
        Conversation conversation = conversations.requireForUpdate(conversationId);
        EscalationPolicy.Verdict verdict = policy.decide(signals(conversation, slaState), conversationId);
        Actor actor = Actor.rule(EscalationPolicy.NAME, Integer.toString(verdict.policyVersion()));
        for (EscalationPolicy.Trigger trigger : verdict.triggers()) {
            apply(conversation, trigger, actor, cause);
        }
        return verdict.triggers();
    }

    private void apply(Conversation conversation, EscalationPolicy.Trigger trigger, Actor actor, String cause) {
        boolean heldByPerson = assignments.activeAssignment(conversation.id).map(AgentAssignment::byHuman).orElse(false);
        switch (trigger.action()) {
            case "raise-priority" -> {
                int wanted = trigger.priority();
                if (conversation.priority == null || wanted < conversation.priority) {
                    String queue = conversation.queue;
                    conversations.change(conversation.id, (raised, now) -> raised.reprioritize(queue, wanted, actor, now));
                    waiting.requeue(conversation.id, queue, wanted);
                }
            }
            case "move-queue" -> {
                String queue = trigger.queue();
                if (heldByPerson) {
                    audit.record("conversation", conversation.id, "rule-action-skipped", actor, null,
                            new SkippedAction(trigger.rule(), "move-queue", "a person assigned this conversation"));
                } else if (!queue.equals(conversation.queue)) {
                    int priority = conversation.priority == null ? 3 : conversation.priority;
                    conversations.change(conversation.id, (moved, now) -> moved.reprioritize(queue, priority, actor, now));
                    waiting.requeue(conversation.id, queue, priority);
                }
            }
            case "notify-supervisor" -> {
                outbox.publish(Topics.AUTOMATION_EXECUTED, conversation.id, new AutomationExecuted(conversation.id,
                        trigger.rule(), "notify-supervisor", trigger.reason(), cause));
            }
            default -> conversations.change(conversation.id, (escalated, now) -> escalated.moveAutomatically(
                    ConversationState.ESCALATED, trigger.rule() + ": " + trigger.reason(), actor, now));
        }
    }

    private ConversationSignals signals(Conversation conversation, String slaState) {
        List<Message> messages = timeline.messagesOf(conversation.id);
        Optional<Message> last = messages.stream()
                .filter(m -> Direction.INBOUND.wireName().equals(m.direction))
                .reduce((first, second) -> second);
        Map<String, Object> annotations = last.map(m -> m.aiAnnotations).orElse(Map.of());
        ConversationSignals signals = new ConversationSignals();
        signals.setConversationId(conversation.id.toString());
        signals.setLastMessage(last.map(m -> m.content).orElse(""));
        signals.setCustomerAskedForHuman(Boolean.TRUE.equals(annotations.get("askedForPerson")));
        signals.setAiConfidence(annotations.get("confidence") instanceof Number n ? n.doubleValue() : 1.0);
        signals.setPersonAnswered(messages.stream().anyMatch(Message::writtenByAPerson));
        signals.setSentimentTrend(sentimentTrend(messages));
        signals.setMinutesWaiting("awaiting_agent".equals(conversation.state) && conversation.lastMessageAt != null
                ? Duration.between(conversation.lastMessageAt, clock.instant()).toMinutes() : 0);
        signals.setSlaState(slaState);
        signals.setQueue(conversation.queue);
        signals.setPriority(conversation.priority == null ? 3 : conversation.priority);
        return signals;
    }

    /** Latest annotated sentiment minus the first one (each -1..1), so -2..2. */
    private static double sentimentTrend(List<Message> messages) {
        List<Double> sentiments = messages.stream()
                .map(m -> m.aiAnnotations == null ? null : m.aiAnnotations.get("sentiment"))
                .filter(Number.class::isInstance).map(n -> ((Number) n).doubleValue()).toList();
        return sentiments.size() < 2 ? 0 : sentiments.get(sentiments.size() - 1) - sentiments.get(0);
    }
}
