package io.continuum.routing;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationService;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.Direction;
import io.continuum.conversation.Message;
import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates the live escalation-triggers rules on every relevant event — a customer message after
 * triage (with the AI's confidence and the sentiment trend), an SLA warning or breach — and carries out
 * what they ask: escalate, raise priority, move queue, notify a supervisor. It listens only to
 * those events, never to the ones its own actions produce (state changes, escalations, automation
 * events), so automation never re-triggers itself. No action changes who holds a conversation,
 * and a conversation a person assigned keeps its queue too.
 */
@ApplicationScoped
public class EscalationEvaluation {

    public static final String POLICY = "escalation-triggers";
    /** First contact acts on a conversation's first message itself; the rules watch what follows. */
    private static final Set<String> TRIGGERING = Set.of(Topics.MESSAGE_RECEIVED, Topics.SLA_WARNING, Topics.SLA_BREACHED);

    private final DecisionService decisions;
    private final ConversationService conversations;
    private final RoutingEngine routing;
    private final IdempotentConsumer idempotent;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    EscalationEvaluation(DecisionService decisions, ConversationService conversations, RoutingEngine routing,
                         IdempotentConsumer idempotent, Outbox outbox, AuditTrail audit, Clock clock) {
        this.decisions = decisions;
        this.conversations = conversations;
        this.routing = routing;
        this.idempotent = idempotent;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    void onEvent(@Observes DomainEvent event) {
        if (TRIGGERING.contains(event.topic()) && !firstMessage(event)) {
            idempotent.handleOnce("escalation-triggers", event, () -> evaluate(event));
        }
    }

    /** First contact acts on a conversation's first message itself (the one that creates it). */
    private boolean firstMessage(DomainEvent event) {
        return Topics.MESSAGE_RECEIVED.equals(event.topic()) && conversations.find(event.aggregateId())
                .map(conversation -> conversation.triagedAt == null || !conversation.triagedAt.isBefore(event.occurredAt()))
                .orElse(true);
    }

    private void evaluate(DomainEvent event) {
        UUID conversationId = UUID.fromString(event.payload().path("conversationId").asText());
        Optional<Conversation> found = conversations.find(conversationId);
        if (found.isEmpty()) {
            return;
        }
        String slaState = switch (event.topic()) {
            case Topics.SLA_WARNING -> "warning";
            case Topics.SLA_BREACHED -> "breached";
            default -> found.get().slaBreached ? "breached" : "ok";
        };
        evaluate(conversationId, slaState, event.topic());
    }

    /** Decides with the live rules and applies their actions; returns what fired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map<String, Object>> evaluate(UUID conversationId, String slaState, String cause) {
        Conversation conversation = conversations.requireForUpdate(conversationId);
        Map<String, Object> signals = signals(conversation, slaState);
        Decision decision = decisions.decide(POLICY, Map.of("signals", List.of(signals)), conversationId);
        List<Map<String, Object>> triggers = decision.outputs().containsKey("triggers") ? decision.output("triggers") : List.of();
        Actor actor = Actor.rule(POLICY, Integer.toString(decision.version()));
        for (Map<String, Object> trigger : triggers) {
            apply(conversation, trigger, actor, cause);
        }
        return triggers;
    }

    private void apply(Conversation conversation, Map<String, Object> trigger, Actor actor, String cause) {
        String rule = String.valueOf(trigger.get("rule"));
        String reason = String.valueOf(trigger.get("reason"));
        boolean heldByPerson = routing.activeAssignment(conversation.id).map(AgentAssignment::byHuman).orElse(false);
        switch (String.valueOf(trigger.get("action"))) {
            case "raise-priority" -> {
                int wanted = ((Number) trigger.get("priority")).intValue();
                if (conversation.priority == null || wanted < conversation.priority) {
                    conversations.reprioritize(conversation.id, conversation.queue, wanted, actor);
                    routing.requeue(conversation.id, conversation.queue, wanted);
                }
            }
            case "move-queue" -> {
                String queue = String.valueOf(trigger.get("queue"));
                if (heldByPerson) {
                    audit.record("conversation", conversation.id, "rule-action-skipped", actor, null,
                            Map.of("rule", rule, "action", "move-queue", "why", "a person assigned this conversation"));
                } else if (!queue.equals(conversation.queue)) {
                    int priority = conversation.priority == null ? 3 : conversation.priority;
                    conversations.reprioritize(conversation.id, queue, priority, actor);
                    routing.requeue(conversation.id, queue, priority);
                }
            }
            case "notify-supervisor" -> {
                Map<String, Object> notice = new LinkedHashMap<>();
                notice.put("conversationId", conversation.id);
                notice.put("rule", rule);
                notice.put("action", "notify-supervisor");
                notice.put("reason", reason);
                notice.put("cause", cause);
                outbox.publish(Topics.AUTOMATION_EXECUTED, conversation.id, notice);
            }
            default -> conversations.moveAutomatically(conversation.id, ConversationState.ESCALATED, rule + ": " + reason, actor);
        }
    }

    private Map<String, Object> signals(Conversation conversation, String slaState) {
        Optional<Message> last = conversations.messagesOf(conversation.id).stream()
                .filter(m -> Direction.INBOUND.wireName().equals(m.direction))
                .reduce((first, second) -> second);
        Map<String, Object> annotations = last.map(m -> m.aiAnnotations).orElse(Map.of());
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("conversationId", conversation.id.toString());
        signals.put("lastMessage", last.map(m -> m.content).orElse(""));
        signals.put("customerAskedForHuman", Boolean.TRUE.equals(annotations.get("askedForPerson")));
        signals.put("aiConfidence", annotations.get("confidence") instanceof Number n ? n.doubleValue() : 1.0);
        signals.put("sentimentTrend", sentimentTrend(conversation.id));
        signals.put("minutesWaiting", "awaiting_agent".equals(conversation.state) && conversation.lastMessageAt != null
                ? Duration.between(conversation.lastMessageAt, clock.instant()).toMinutes() : 0);
        signals.put("slaState", slaState);
        signals.put("queue", conversation.queue);
        signals.put("priority", conversation.priority == null ? 3 : conversation.priority);
        return signals;
    }

    /** Latest annotated sentiment minus the first one (each -1..1), so -2..2. */
    private double sentimentTrend(UUID conversationId) {
        List<Double> sentiments = conversations.messagesOf(conversationId).stream()
                .map(m -> m.aiAnnotations == null ? null : m.aiAnnotations.get("sentiment"))
                .filter(Number.class::isInstance).map(n -> ((Number) n).doubleValue()).toList();
        return sentiments.size() < 2 ? 0 : sentiments.get(sentiments.size() - 1) - sentiments.get(0);
    }
}
