package io.continuum.automations;

import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.csat.CsatSurveys;
import io.continuum.identity.Customer;
import io.continuum.identity.IdentityService;
import io.continuum.sla.SlaCalendar;
import io.continuum.sla.SlaConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The facts automations.dmn decides on, read from a conversation as it stands at a given instant. */
@ApplicationScoped
public class AutomationFacts {

    /** Whole hours since something that never happened. */
    static final long NEVER = -1;

    private final IdentityService identity;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final SlaCalendar businessHours;
    private final CsatSurveys surveys;

    AutomationFacts(IdentityService identity, Conversations conversations, ConversationTimeline timeline,
                    SlaConfig slaConfig, CsatSurveys surveys) {
        this.surveys = surveys;
        this.identity = identity;
        this.conversations = conversations;
        this.timeline = timeline;
        this.businessHours = SlaCalendar.of(SlaCalendar.BUSINESS_HOURS, slaConfig);
    }

    public AutomationsPolicy.Facts of(Conversation conversation, String eventType, Instant now) {
        Optional<Customer> customer = identity.find(conversation.customerId);
        ConversationTimeline.LatestExchange exchange = timeline.latestExchange(conversation.id, AutomationRunner.AUTHOR);
        return new AutomationsPolicy.Facts(eventType, conversation.currentChannel, conversation.state,
                customer.map(found -> found.tier).orElse(""), orEmpty(conversation.intent),
                orEmpty(conversation.severity), orEmpty(conversation.queue), List.copyOf(conversation.tags),
                customer.map(found -> found.language).orElse(""),
                isOpen(now), hoursSince(exchange.lastInboundAt(), now), hoursSince(exchange.lastOutboundAt(), now),
                hoursSince(enteredState(conversation).orElse(conversation.createdAt), now),
                exchange.lastInboundSentiment() == null ? 0.0 : exchange.lastInboundSentiment(),
                surveys.latestScore(conversation.id).orElse(null));
    }

    /** When the conversation entered the state it is in: the window a time-elapsed row fires once in. */
    public Optional<Instant> enteredState(Conversation conversation) {
        return conversations.enteredCurrentStateAt(conversation.id);
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
