package io.continuum.firstcontact;

import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationService;
import io.continuum.conversation.ConversationState;
import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import io.continuum.events.DomainEvent;
import io.continuum.events.IdempotentConsumer;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.failsafes.AiActionVetting;
import io.continuum.failsafes.ProposedAction;
import io.continuum.knowledge.KnowledgeSearch;
import io.continuum.platform.SentenceEmbeddings;
import io.continuum.routing.HumanHandoff;
import io.continuum.sla.SlaTargetsPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The first-contact AI, on every inbound message. A request for a person escalates at once.
 * A new conversation is classified (intent, confidence, sentiment, entities, risk signals, and a
 * suspected root cause from similar earlier cases), corrected by the live `classification-fallbacks` rules, and decided by the live `severity`,
 * `routing` and `sla-policy` policies. Then it either answers from the knowledge base (routing
 * says deflect and an article matches well), asks one clarifying question (a weaker match), or
 * hands the conversation to people with a structured brief on their task list. Every reply passes the live
 * `ai-failsafes` first and offers a person; once a person is involved, the AI stays silent.
 */
@ApplicationScoped
public class FirstContact {

    static final String AUTHOR = "ai:first-contact";
    static final String OFFER_A_PERSON = "If this doesn't solve it, just reply \"agent\" and a person will take over.";
    /** Scores of KnowledgeSearch (0..1) above which an article answers, or is worth asking about. */
    static final double ANSWER_SCORE = 0.5;
    static final double CLARIFY_SCORE = 0.2;

    private final ConversationService conversations;
    private final DecisionService decisions;
    private final SlaTargetsPolicy slaTargets;
    private final MessageClassification classification;
    private final KnowledgeSearch knowledge;
    private final KnowledgeAnswers answers;
    private final AiActionVetting failsafes;
    private final IdempotentConsumer idempotent;
    private final Outbox outbox;
    private final HumanHandoff humanHandoff;
    private final SuspectedRootCause rootCause;
    private final SentenceEmbeddings embeddings;

    FirstContact(ConversationService conversations, DecisionService decisions, SlaTargetsPolicy slaTargets,
                 MessageClassification classification, KnowledgeSearch knowledge, KnowledgeAnswers answers,
                 AiActionVetting failsafes, IdempotentConsumer idempotent, Outbox outbox, HumanHandoff humanHandoff,
                 SuspectedRootCause rootCause, SentenceEmbeddings embeddings) {
        this.humanHandoff = humanHandoff;
        this.rootCause = rootCause;
        this.embeddings = embeddings;
        this.conversations = conversations;
        this.decisions = decisions;
        this.slaTargets = slaTargets;
        this.classification = classification;
        this.knowledge = knowledge;
        this.answers = answers;
        this.failsafes = failsafes;
        this.idempotent = idempotent;
        this.outbox = outbox;
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
        String text = conversations.messagesOf(conversationId).stream().filter(m -> m.id.equals(messageId))
                .map(m -> m.content).findFirst().orElse("");

        boolean asksForPerson = HumanRequest.in(text);
        if (asksForPerson) {
            conversations.moveAutomatically(conversationId, ConversationState.ESCALATED, "the customer asked for a person",
                    Actor.ai(AUTHOR));
        }
        if (conversation.triagedAt != null) {
            if (asksForPerson) {
                conversations.annotate(messageId, Map.of("askedForPerson", true));
            }
            return;
        }
        Triage triage = triage(conversation, messageId, text, tier, channel, asksForPerson);
        if (asksForPerson || conversations.humanInvolved(conversation)) {
            handOff(conversation, triage, text, "The customer asked for a person");
            return;
        }
        respond(conversation, triage, text);
    }

    /** What first contact made of the first message. */
    record Triage(MessageClassification.Classification classification, String intent, String severity,
                  Map<String, Object> route, List<String> adjustments, Optional<Map<String, Object>> suspectedRootCause) {

        String handlingMode() {
            return String.valueOf(route.get("handlingMode"));
        }
    }

    private Triage triage(Conversation conversation, UUID messageId, String text, String tier, String channel,
                          boolean asksForPerson) {
        UUID conversationId = conversation.id;
        float[] meaning = embeddings.embed(text);
        MessageClassification.Classification classified = classification.classify(text, meaning, tier);
        Map<String, Object> classificationFacts = new LinkedHashMap<>();
        classificationFacts.put("conversationId", conversationId.toString());
        classificationFacts.put("text", text);
        classificationFacts.put("intent", classified.intent());
        classificationFacts.put("confidence", classified.confidence());
        classificationFacts.put("moneySignal", classified.signals().get("money"));
        classificationFacts.put("securitySignal", classified.signals().get("security"));
        classificationFacts.put("legalSignal", classified.signals().get("legal"));
        classificationFacts.put("outageSignal", classified.signals().get("outage"));
        Decision fallbacks = decisions.decide("classification-fallbacks",
                Map.of("classifications", List.of(classificationFacts)), conversationId);
        List<Map<String, Object>> adjustments = fallbacks.outputs().containsKey("adjustments")
                ? fallbacks.output("adjustments") : List.of();
        String intent = adjustments.isEmpty() ? classified.intent() : String.valueOf(adjustments.get(0).get("toIntent"));

        Map<String, Object> severityInputs = new LinkedHashMap<>();
        severityInputs.put("intent", intent);
        severityInputs.put("moneySignal", classified.signals().get("money"));
        severityInputs.put("securitySignal", classified.signals().get("security"));
        severityInputs.put("legalSignal", classified.signals().get("legal"));
        severityInputs.put("outageSignal", classified.signals().get("outage"));
        severityInputs.put("tier", tier);
        severityInputs.put("sentiment", classified.sentiment());
        String severity = decisions.decide("severity", severityInputs, conversationId).output("severity");

        Map<String, Object> routingInputs = new LinkedHashMap<>();
        routingInputs.put("intent", intent);
        routingInputs.put("severity", severity);
        routingInputs.put("channel", channel);
        routingInputs.put("tier", tier);
        routingInputs.put("language", "en");
        Decision routing = decisions.decide("routing", routingInputs, conversationId);
        Map<String, Object> route = routing.output("routing");

        conversations.recordTriage(conversationId, new ConversationService.Triage(intent, severity,
                        (String) route.get("queue"), skills(route.get("requiredSkills")), (String) route.get("handlingMode"),
                        route.get("priority") == null ? null : ((Number) route.get("priority")).intValue()),
                Actor.rule("routing", Integer.toString(routing.version())));
        slaTargets.apply(conversation, tier, severity, channel);
        Optional<Map<String, Object>> suspectedRootCause = rootCause.judge(conversationId, intent, meaning);

        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("intent", intent);
        annotations.put("classifiedIntent", classified.intent());
        annotations.put("confidence", classified.confidence());
        annotations.put("severity", severity);
        annotations.put("sentiment", classified.sentiment());
        annotations.put("entities", classified.entities());
        annotations.put("signals", classified.signals());
        annotations.put("fallbacks", adjustments.stream().map(a -> a.get("rule")).toList());
        annotations.put("askedForPerson", asksForPerson);
        annotations.put("exampleSetVersion", classified.exampleSetVersion());
        suspectedRootCause.ifPresent(cause -> annotations.put("suspectedRootCause", cause));
        conversations.annotate(messageId, annotations);
        outbox.publish(Topics.MESSAGE_CLASSIFIED, conversationId, Map.of("messageId", messageId,
                "conversationId", conversationId, "intent", intent, "severity", severity));
        return new Triage(classified, intent, severity, route,
                adjustments.stream().map(a -> String.valueOf(a.get("rule"))).toList(), suspectedRootCause);
    }

    private void respond(Conversation conversation, Triage triage, String text) {
        if (!"deflect".equals(triage.handlingMode())) {
            handOff(conversation, triage, text, "Routing asks for " + triage.handlingMode() + " handling");
            return;
        }
        List<KnowledgeSearch.KnowledgeMatch> matches = knowledge.bestMatches(text, "en", 3);
        if (!matches.isEmpty() && matches.get(0).score() >= ANSWER_SCORE) {
            KnowledgeSearch.KnowledgeMatch best = matches.get(0);
            String reply = answers.answer(text, best) + "\n\n" + OFFER_A_PERSON;
            if (!sendVetted(conversation, reply)) {
                handOff(conversation, triage, text, "The failsafes stopped the knowledge answer");
            }
            return;
        }
        if (!matches.isEmpty() && matches.get(0).score() >= CLARIFY_SCORE) {
            String question = "To point you to the right answer: is your question about \"" + matches.get(0).title()
                    + "\", or something else? " + OFFER_A_PERSON;
            if (!sendVetted(conversation, question)) {
                handOff(conversation, triage, text, "The failsafes stopped the clarifying question");
            }
            return;
        }
        handOff(conversation, triage, text, "No knowledge article matched well enough to answer");
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
        AiActionVetting.Outcome outcome = failsafes.vet(action);
        if (!outcome.allowed() || action.isHumanDecision()) {
            return false;
        }
        conversations.replyAutomatically(conversation.id, outcome.text().orElse(text), AUTHOR);
        return true;
    }

    private void handOff(Conversation conversation, Triage triage, String text, String why) {
        Map<String, Object> brief = new LinkedHashMap<>();
        brief.put("intent", triage.intent());
        brief.put("confidence", triage.classification().confidence());
        brief.put("severity", triage.severity());
        brief.put("summary", summary(text));
        brief.put("entities", triage.classification().entities());
        brief.put("sentiment", triage.classification().sentiment());
        brief.put("signals", triage.classification().signals());
        brief.put("aiTried", why);
        brief.put("fallbacksApplied", triage.adjustments());
        brief.put("suggestedQueue", triage.route().get("queue"));
        brief.put("requiredSkills", triage.route().get("requiredSkills"));
        brief.put("handlingMode", triage.handlingMode());
        triage.suspectedRootCause().ifPresent(cause -> brief.put("suspectedRootCause", cause));
        conversations.attachHandoffBrief(conversation.id, brief, Actor.ai(AUTHOR));
        humanHandoff.handOff(conversation.id, String.valueOf(triage.route().get("queue")),
                conversation.firstResponseDueAt, brief);
    }

    private static String summary(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 280 ? flat : flat.substring(0, 277) + "...";
    }

    private static List<String> skills(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
