package io.continuum.automations;

import io.continuum.conversation.Conversation;
import io.continuum.conversation.Message;
import io.continuum.identity.Customer;
import io.continuum.identity.IdentityService;
import io.continuum.sla.SlaCalendar;
import io.continuum.sla.SlaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The facts automations.dmn decides on, read from a conversation as it stands at a given instant. */
@ApplicationScoped
public class AutomationFacts {

    /** Whole hours since something that never happened. */
    static final long NEVER = -1;

    private final IdentityService identity;
    private final EntityManager entityManager;
    private final SlaCalendar businessHours;

    AutomationFacts(IdentityService identity, EntityManager entityManager, SlaConfig slaConfig) {
        this.identity = identity;
        this.entityManager = entityManager;
        this.businessHours = SlaCalendar.of(SlaCalendar.BUSINESS_HOURS, slaConfig);
    }

    public AutomationsPolicy.Facts of(Conversation conversation, String eventType, Instant now) {
        Optional<Customer> customer = identity.find(conversation.customerId);
        Optional<Message> lastFromCustomer = Message.<Message>find(
                "conversationId = ?1 and direction = 'inbound' order by receivedAt desc", conversation.id).firstResultOptional();
        Instant lastFromAgent = entityManager.createQuery("""
                        select max(m.receivedAt) from Message m where m.conversationId = ?1 and m.direction = 'outbound'
                        and (m.author is null or m.author <> ?2)""", Instant.class)
                .setParameter(1, conversation.id).setParameter(2, AutomationRunner.AUTHOR).getSingleResult();
        return new AutomationsPolicy.Facts(eventType, conversation.currentChannel, conversation.state,
                customer.map(found -> found.tier).orElse(""), orEmpty(conversation.intent),
                orEmpty(conversation.severity), orEmpty(conversation.queue), List.copyOf(conversation.tags),
                customer.map(found -> found.metadata == null ? null : found.metadata.get("language"))
                        .map(String::valueOf).orElse(""),
                isOpen(now), hoursSince(lastFromCustomer.map(message -> message.receivedAt).orElse(null), now),
                hoursSince(lastFromAgent, now), hoursSince(enteredState(conversation.id).orElse(conversation.createdAt), now),
                lastFromCustomer.map(message -> message.aiAnnotations == null ? null : message.aiAnnotations.get("sentiment"))
                        .filter(Number.class::isInstance).map(sentiment -> ((Number) sentiment).doubleValue()).orElse(0.0));
    }

    /** When the conversation entered the state it is in: the window a time-elapsed row fires once in. */
    public Optional<Instant> enteredState(UUID conversationId) {
        return Optional.ofNullable(entityManager.createQuery(
                        "select max(c.changedAt) from ConversationStateChange c where c.conversationId = ?1", Instant.class)
                .setParameter(1, conversationId).getSingleResult());
    }

    /** The business-hours calendar has time in the next minute only while it is open. */
    private boolean isOpen(Instant now) {
        return !businessHours.between(now, now.plusSeconds(60)).isZero();
    }

    private static long hoursSince(Instant then, Instant now) {
        return then == null ? NEVER : Math.max(0, Duration.between(then, now).toHours());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
