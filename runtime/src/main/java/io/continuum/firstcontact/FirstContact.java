package io.continuum.firstcontact;

import io.continuum.audit.Actor;
import io.continuum.connectors.channel.Channels;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Topics;
import io.continuum.routing.EscalationEvaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.UUID;

/**
 * The first-contact AI, once per inbound message, in this order:
 * <ol>
 *   <li>a request for a person, in any phrasing, escalates at once — this class is its one owner,
 *       and no published rule can switch it off (the failsafe "never block escalation");</li>
 *   <li>a conversation's first message is triaged ({@link Triage}) and answered or handed off
 *       ({@link FirstResponse}); once a person is involved, the AI stays silent and hands off;</li>
 *   <li>a later message is read too ({@link Triage#readFollowUp}: intent, confidence, sentiment,
 *       entities, signals); when it changes the picture the conversation is triaged again
 *       ({@link Retriage}, never over a person's decision) and handed to people if the new route needs them;
 *       then it is judged by the live escalation-triggers rules ({@link EscalationEvaluation}), so their
 *       low-confidence and sentiment-trend rows see it.</li>
 * </ol>
 * A phone call is triaged like any message but never answered or handed off here: nothing written can reach a
 * caller, and the call already has its people through the live phone menu (queue) and its callback tasks.
 */
@ApplicationScoped
public class FirstContact {

    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final Triage triage;
    private final Retriage retriage;
    private final FirstResponse firstResponse;
    private final EscalationEvaluation escalations;
    private final IdempotentConsumer idempotent;

    FirstContact(Conversations conversations, ConversationTimeline timeline, Triage triage, Retriage retriage,
                 FirstResponse firstResponse, EscalationEvaluation escalations, IdempotentConsumer idempotent) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.triage = triage;
        this.retriage = retriage;
        this.firstResponse = firstResponse;
        this.escalations = escalations;
        this.idempotent = idempotent;
    }

    void onMessage(@Observes DomainEvent event) {
        if (Topics.MESSAGE_RECEIVED.equals(event.topic())) {
            idempotent.handleOnce("first-contact", event, () -> handle(event));
        }
    }

    private void handle(DomainEvent event) {
        UUID conversationId = UUID.fromString(event.payload().get("conversationId").asText());
        UUID messageId = UUID.fromString(event.payload().get("messageId").asText());
        String tier = event.payload().get("tier").asText();
        String channel = event.payload().get("channel").asText();
        Conversation conversation = conversations.requireForUpdate(conversationId);
        String text = timeline.findMessage(messageId).map(message -> message.content).orElse("");

        boolean asksForPerson = HumanRequest.in(text);
        if (asksForPerson) {
            conversations.change(conversationId, (escalated, now) -> escalated.moveAutomatically(ConversationState.ESCALATED,
                    "the customer asked for a person", Actor.ai(FirstResponse.AUTHOR), now));
        }
        if (conversation.triagedAt != null) {
            MessageClassification.Classification read = triage.readFollowUp(conversation.customerId, messageId, text,
                    asksForPerson);
            retriage.reconsider(conversation, text, read, tier, channel)
                    .filter(retriaged -> !retriaged.route().deflects() && conversation.handoffBrief == null && !asksForPerson
                            && Channels.carriesWrittenReplies(channel))
                    .ifPresent(retriaged -> firstResponse.handOff(conversation, retriaged, text,
                            "A follow-up changed the picture: now " + retriaged.intent() + " at " + retriaged.severity()));
            escalations.evaluate(conversationId, conversation.slaBreached ? "breached" : "ok", Topics.MESSAGE_RECEIVED);
            return;
        }
        Triage.Triaged triaged = triage.triage(conversation, messageId, text, tier, channel, asksForPerson);
        if (!Channels.carriesWrittenReplies(channel)) {
            return;
        }
        if (asksForPerson || conversations.humanInvolved(conversation)) {
            firstResponse.handOff(conversation, triaged, text, "The customer asked for a person");
            return;
        }
        firstResponse.respond(conversation, triaged, text);
    }
}
