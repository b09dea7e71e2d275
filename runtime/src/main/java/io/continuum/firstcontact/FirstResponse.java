package io.continuum.firstcontact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.failsafes.FailsafePolicy;
import io.continuum.failsafes.ProposedAction;
import io.continuum.knowledge.KnowledgeSearch;
import io.continuum.routing.HumanHandoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the customer hears first, once triage has decided: when routing says deflect, an answer
 * from the knowledge base (a good match) or one clarifying question (a weaker one); otherwise, or
 * when the failsafes stop the reply, a hand-off to people with a structured brief. Every AI reply
 * passes the live `ai-failsafes` first and offers a person.
 */
@ApplicationScoped
public class FirstResponse {

    static final String AUTHOR = "ai:first-contact";
    /** The English offer of a person; {@link CustomerWording} holds it in every served language. */
    static final String OFFER_A_PERSON = CustomerWording.in("en").offerAPerson();
    /** Scores of KnowledgeSearch (0..1) above which an article answers, or is worth asking about. */
    static final double ANSWER_SCORE = 0.5;
    static final double CLARIFY_SCORE = 0.2;
    /** The brief as the conversation's JSON column holds it. */
    private static final TypeReference<Map<String, Object>> STORED = new TypeReference<>() {
    };

    private final KnowledgeSearch knowledge;
    private final KnowledgeAnswers answers;
    private final FailsafePolicy failsafes;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final HumanHandoff humanHandoff;
    private final ConversationSummary summaries;
    private final ObjectMapper objectMapper;

    FirstResponse(KnowledgeSearch knowledge, KnowledgeAnswers answers, FailsafePolicy failsafes,
                  Conversations conversations, ConversationTimeline timeline, HumanHandoff humanHandoff,
                  ConversationSummary summaries, ObjectMapper objectMapper) {
        this.summaries = summaries;
        this.knowledge = knowledge;
        this.answers = answers;
        this.failsafes = failsafes;
        this.conversations = conversations;
        this.timeline = timeline;
        this.humanHandoff = humanHandoff;
        this.objectMapper = objectMapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void respond(Conversation conversation, Triage.Triaged triaged, String text) {
        if (!triaged.route().deflects()) {
            handOff(conversation, triaged, text, "Routing asks for " + triaged.route().handlingMode() + " handling");
            return;
        }
        List<KnowledgeSearch.KnowledgeMatch> matches = knowledge.bestMatches(text, triaged.language(), 3);
        CustomerWording wording = CustomerWording.in(triaged.language());
        if (!matches.isEmpty() && matches.get(0).score() >= ANSWER_SCORE) {
            KnowledgeSearch.KnowledgeMatch best = matches.get(0);
            String reply = answers.answer(text, best, wording) + "\n\n" + wording.offerAPerson();
            if (!sendVetted(conversation, reply)) {
                handOff(conversation, triaged, text, "The failsafes stopped the knowledge answer");
            }
            return;
        }
        if (!matches.isEmpty() && matches.get(0).score() >= CLARIFY_SCORE) {
            String question = wording.clarifyingQuestion(matches.get(0).title());
            if (!sendVetted(conversation, question)) {
                handOff(conversation, triaged, text, "The failsafes stopped the clarifying question");
            }
            return;
        }
        handOff(conversation, triaged, text, "No knowledge article matched well enough to answer");
    }

    /** People take over: the brief goes on the conversation and a task on their lists. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void handOff(Conversation conversation, Triage.Triaged triaged, String text, String why) {
        ConversationSummary.Summary summary = summaries.of(conversation.id, timeline.messagesOf(conversation.id).stream()
                .filter(message -> "inbound".equals(message.direction)).map(message -> message.content).toList());
        HandoffBrief brief = new HandoffBrief(triaged.intent(), triaged.classification().confidence(), triaged.severity(),
                summary.text(), summary.by(), triaged.classification().entities(), triaged.classification().sentiment(),
                triaged.classification().signals().asMap(), why, triaged.fallbacksApplied(), triaged.route().queue(),
                triaged.route().requiredSkills(), triaged.route().handlingMode(), triaged.suspectedRootCause().orElse(null));
        conversations.change(conversation.id, (handedOff, now) ->
                handedOff.attachHandoffBrief(objectMapper.convertValue(brief, STORED), Actor.ai(AUTHOR), now));
        humanHandoff.handOff(conversation.id, triaged.route(), triaged.due().firstResponseDueAt());
    }

    /** Sends an AI reply only if the failsafes allow it, in the text they allow. */
    private boolean sendVetted(Conversation conversation, String text) {
        ProposedAction action = new ProposedAction();
        action.setActionId(UUID.randomUUID().toString());
        action.setConversationId(conversation.id.toString());
        action.setType("reply");
        action.setActor("ai");
        action.setText(text);
        action.setCustomerAskedForHuman(false);
        action.setEscalationRaised(conversation.conversationState() == ConversationState.ESCALATED);
        action.setHumanDecision(conversations.humanInvolved(conversation));
        FailsafePolicy.Outcome outcome = failsafes.vet(action);
        if (!outcome.allowed() || action.isHumanDecision()) {
            return false;
        }
        timeline.replyAutomatically(conversation.id, outcome.text().orElse(text), AUTHOR);
        return true;
    }
}
