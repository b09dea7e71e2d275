package io.continuum.channels.sms;

import io.continuum.audit.Actor;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.sms.SmsKeyword;
import io.continuum.consent.ConsentPurpose;
import io.continuum.consent.ConsentSource;
import io.continuum.consent.Consents;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.UUID;

/**
 * A customer's STOP or START by SMS is their consent, recorded once per received message: STOP withdraws
 * proactive updates (so no Resolution update goes to them) and, being an opt-out made on the channel, stops
 * every send on SMS (delivery holds every SMS back); START grants both back. HELP is a message
 * like any other, answered by Twilio's opt-out settings and seen by an agent.
 */
@ApplicationScoped
public class SmsKeywordConsent {

    private static final String CONSUMER = "sms-keywords";

    private final IdempotentConsumer idempotent;
    private final ConversationTimeline timeline;
    private final Consents consents;

    SmsKeywordConsent(IdempotentConsumer idempotent, ConversationTimeline timeline, Consents consents) {
        this.idempotent = idempotent;
        this.timeline = timeline;
        this.consents = consents;
    }

    void onMessage(@Observes DomainEvent event) {
        if (Topics.MESSAGE_RECEIVED.equals(event.topic()) && Channels.SMS.equals(event.payload().path("channel").asText())) {
            idempotent.handleOnce(CONSUMER, event, () -> handle(event));
        }
    }

    private void handle(DomainEvent event) {
        UUID messageId = UUID.fromString(event.payload().path("messageId").asText());
        UUID customerId = UUID.fromString(event.payload().path("customerId").asText());
        String text = timeline.findMessage(messageId).map(message -> message.content).orElse(null);
        SmsKeyword.of(text).filter(keyword -> keyword != SmsKeyword.HELP).ifPresent(keyword -> {
            boolean granted = keyword == SmsKeyword.START;
            consents.record(customerId, new Consents.Statement(ConsentPurpose.PROACTIVE_UPDATES, granted, ConsentSource.SMS_KEYWORD,
                    "Texted " + keyword.name() + " to our SMS number"), Actor.system(CONSUMER));
        });
    }
}
