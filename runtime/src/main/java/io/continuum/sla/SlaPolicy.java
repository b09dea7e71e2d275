package io.continuum.sla;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.SlaTargets;
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
 * The live {@code sla-policy} decision table (decision-tables/sla-policy.dmn): a conversation's
 * SLA targets, set when it is triaged, counted from its creation on the policy's calendar, and run
 * by {@link SlaClocks}. A newly published SLA policy applies to new conversations; open ones keep
 * their targets unless the publisher asked to apply it to them too (applyToOpen), in which case each
 * open conversation is decided again with the inputs of its last SLA decision.
 */
@ApplicationScoped
public class SlaPolicy {

    public static final String NAME = "sla-policy";
    private static final int PAGE = 200;
    /** Used when a published policy leaves warningThreshold empty: warn at 80 % of a target. */
    private static final double DEFAULT_WARNING_THRESHOLD = 0.8;

    /** What sla-policy.dmn reads. */
    public record Inputs(String tier, String severity, String channel) {

        public Map<String, Object> context() {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("tier", tier);
            context.put("severity", severity);
            context.put("channel", channel);
            return context;
        }

        /** The inputs as an earlier decision logged them. */
        static Inputs of(Map<String, Object> context) {
            return new Inputs((String) context.get("tier"), (String) context.get("severity"), (String) context.get("channel"));
        }
    }

    /**
     * What the table decided (a target is null when no row gave it); {@code policyVersion} is the
     * version that decided.
     */
    public record Targets(Duration firstResponse, Duration nextResponse, Duration resolution,
                          Optional<Duration> proactiveUpdateInterval, double warningThreshold, String calendar,
                          int policyVersion) {

        public static Targets of(Map<String, Object> outputs, int policyVersion) {
            Map<?, ?> targets = outputs.get(NAME) instanceof Map<?, ?> map ? map : Map.of();
            Object threshold = targets.get("warningThreshold");
            Object calendar = targets.get("calendar");
            return new Targets(duration(targets, "firstResponseDue"), duration(targets, "nextResponseDue"),
                    duration(targets, "resolutionDue"), Optional.ofNullable(duration(targets, "proactiveUpdateInterval")),
                    threshold instanceof Number number ? number.doubleValue() : DEFAULT_WARNING_THRESHOLD,
                    calendar == null ? SlaCalendar.TWENTY_FOUR_SEVEN : calendar.toString(), policyVersion);
        }

        /** The clocks need every target; a policy that leaves one out cannot start them. */
        SlaClocks.Targets forClocks() {
            require(firstResponse, "firstResponseDue");
            require(nextResponse, "nextResponseDue");
            require(resolution, "resolutionDue");
            return new SlaClocks.Targets(firstResponse, nextResponse, resolution, warningThreshold, calendar, policyVersion);
        }

        private static Duration duration(Map<?, ?> targets, String name) {
            Object value = targets.get(name);
            return value == null ? null : Duration.parse(value.toString());
        }

        private static void require(Duration target, String name) {
            if (target == null) {
                throw new IllegalStateException("sla-policy returned no " + name);
            }
        }
    }

    private final DecisionService decisions;
    private final Conversations conversations;
    private final IdempotentConsumer idempotent;
    private final SlaClocks clocks;

    SlaPolicy(DecisionService decisions, Conversations conversations, IdempotentConsumer idempotent, SlaClocks clocks) {
        this.decisions = decisions;
        this.conversations = conversations;
        this.idempotent = idempotent;
        this.clocks = clocks;
    }

    @Transactional
    public Targets decide(Inputs inputs, UUID conversationId) {
        Decision decision = decisions.decide(NAME, inputs.context(), conversationId);
        return Targets.of(decision.outputs(), decision.version());
    }

    /** Decides the conversation's targets, starts its clocks and records the due times on it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SlaTargets apply(Conversation conversation, Inputs inputs) {
        Targets targets = decide(inputs, conversation.id);
        SlaTargets due = clocks.start(conversation, targets.forClocks());
        conversations.change(conversation.id, (decided, now) ->
                decided.setSlaTargets(due, Actor.rule(NAME, Integer.toString(targets.policyVersion())), now));
        return due;
    }

    void onPublished(@Observes DomainEvent event) {
        if (Topics.POLICY_PUBLISHED.equals(event.topic()) && NAME.equals(event.payload().path("policy").asText())
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
                    lastInputs(conversation.id).ifPresent(inputs ->
                            apply(conversations.requireForUpdate(conversation.id), inputs));
                }
                return open.stream().map(c -> c.id).toList();
            });
            cursor = page.isEmpty() ? cursor : Optional.of(page.get(page.size() - 1));
        } while (page.size() == PAGE);
    }

    private Optional<Inputs> lastInputs(UUID conversationId) {
        return decisions.decisionsOf(conversationId).stream()
                .filter(record -> NAME.equals(record.policyName))
                .reduce((first, second) -> second)
                .map(record -> Inputs.of(record.inputs));
    }
}
