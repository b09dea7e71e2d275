package io.continuum.sla;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationService;
import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SLA targets from the live `sla-policy`: set when a conversation is triaged, counted from its
 * creation on the policy's calendar, and run by {@link SlaClocks}. A newly published SLA policy applies to new conversations; open ones keep their
 * targets unless the publisher asked to apply it to them too (applyToOpen), in which case each
 * open conversation is decided again with the inputs of its last SLA decision.
 */
@ApplicationScoped
public class SlaTargetsPolicy {

    public static final String POLICY = "sla-policy";
    private static final int PAGE = 200;
    /** Used when a published policy leaves warningThreshold empty: warn at 80 % of a target. */
    private static final double DEFAULT_WARNING_THRESHOLD = 0.8;

    private final DecisionService decisions;
    private final ConversationService conversations;
    private final IdempotentConsumer idempotent;
    private final SlaClocks clocks;

    SlaTargetsPolicy(DecisionService decisions, ConversationService conversations, IdempotentConsumer idempotent,
                     SlaClocks clocks) {
        this.decisions = decisions;
        this.conversations = conversations;
        this.idempotent = idempotent;
        this.clocks = clocks;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Conversation conversation, String tier, String severity, String channel) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("tier", tier);
        inputs.put("severity", severity);
        inputs.put("channel", channel);
        decideAndApply(conversation, inputs);
    }

    private void decideAndApply(Conversation conversation, Map<String, Object> inputs) {
        Decision decision = decisions.decide(POLICY, inputs, conversation.id);
        Map<String, Object> targets = decision.output(POLICY);
        Object threshold = targets.get("warningThreshold");
        Object calendar = targets.get("calendar");
        ConversationService.SlaTargets due = clocks.start(conversation, new SlaClocks.Targets(
                duration(targets, "firstResponseDue"), duration(targets, "nextResponseDue"),
                duration(targets, "resolutionDue"),
                threshold instanceof Number number ? number.doubleValue() : DEFAULT_WARNING_THRESHOLD,
                calendar == null ? SlaCalendar.TWENTY_FOUR_SEVEN : calendar.toString(), decision.version()));
        conversations.applySlaTargets(conversation.id, due, Actor.rule(POLICY, Integer.toString(decision.version())));
    }

    void onPublished(@Observes DomainEvent event) {
        if (Topics.POLICY_PUBLISHED.equals(event.topic()) && POLICY.equals(event.payload().path("policy").asText())
                && event.payload().path("applyToOpen").asBoolean(false)) {
            idempotent.handleOnce("sla-apply-to-open", event, this::reapplyToOpenConversations);
        }
    }

    private void reapplyToOpenConversations() {
        Optional<UUID> cursor = Optional.empty();
        List<UUID> page;
        do {
            Optional<UUID> after = cursor;
            page = QuarkusTransaction.requiringNew().call(() -> {
                List<Conversation> open = conversations.unresolved(after, PAGE);
                for (Conversation conversation : open) {
                    lastSlaInputs(conversation.id).ifPresent(inputs ->
                            decideAndApply(conversations.requireForUpdate(conversation.id), inputs));
                }
                return open.stream().map(c -> c.id).toList();
            });
            cursor = page.isEmpty() ? cursor : Optional.of(page.get(page.size() - 1));
        } while (page.size() == PAGE);
    }

    private Optional<Map<String, Object>> lastSlaInputs(UUID conversationId) {
        return decisions.decisionsOf(conversationId).stream()
                .filter(record -> POLICY.equals(record.policyName))
                .reduce((first, second) -> second)
                .map(record -> record.inputs);
    }

    private static Duration duration(Map<String, Object> targets, String name) {
        Object value = targets.get(name);
        if (value == null) {
            throw new IllegalStateException("sla-policy returned no " + name);
        }
        return Duration.parse(value.toString());
    }
}
