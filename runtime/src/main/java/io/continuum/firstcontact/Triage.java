package io.continuum.firstcontact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.continuum.audit.Actor;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.SlaTargets;
import io.continuum.conversation.TriageOutcome;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.identity.IdentityService;
import io.continuum.platform.SentenceEmbeddings;
import io.continuum.routing.QueuePolicy;
import io.continuum.sla.SlaPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Triage of a conversation's first message, one decision after the other, each with the live
 * policy and logged: classify → {@code classification-fallbacks} (which intent stands) →
 * {@code severity} → {@code routing} (queue, skills, handling mode, priority, in the message's language)
 * → {@code sla-policy} (targets and clocks). The outcome is recorded on the conversation, the reading on
 * the message.
 */
@ApplicationScoped
public class Triage {

    /**
     * Everything triage decided, for the first response to act on; {@code language} is the conversation's
     * (detected in the message, else the customer's last known, else {@link QueuePolicy#DEFAULT_LANGUAGE}).
     */
    public record Triaged(MessageClassification.Classification classification, String intent, String severity,
                          QueuePolicy.Route route, List<String> fallbacksApplied,
                          Optional<Suspicion> suspectedRootCause, SlaTargets due, String language) {
    }

    /** What triage read in the message, kept on it as its annotations. */
    record Reading(String intent, String classifiedIntent, double confidence, String severity, double sentiment,
                   List<Entities.Entity> entities, Map<String, Boolean> signals, double p0Likelihood, List<String> fallbacks,
                   boolean askedForPerson, int exampleSetVersion, String language,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Suspicion suspectedRootCause) {
    }

    /** What first contact read in a later message of a triaged conversation, kept on it as its annotations. */
    record FollowUpReading(String intent, double confidence, double sentiment, List<Entities.Entity> entities,
                           Map<String, Boolean> signals, double p0Likelihood, boolean askedForPerson, int exampleSetVersion,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String language) {
    }

    /** Published on {@code Topics.MESSAGE_CLASSIFIED} once the message is triaged, with how routing said to handle it. */
    record MessageClassified(UUID messageId, UUID conversationId, String intent, String severity, String handlingMode) {
    }

    private final MessageClassification classification;
    private final FallbackPolicy fallbacks;
    private final SeverityPolicy severity;
    private final QueuePolicy queues;
    private final SlaPolicy sla;
    private final SuspectedRootCause rootCause;
    private final SentenceEmbeddings embeddings;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final Outbox outbox;
    private final LanguageDetection languages;
    private final IdentityService identity;

    Triage(MessageClassification classification, FallbackPolicy fallbacks, SeverityPolicy severity, QueuePolicy queues,
           SlaPolicy sla, SuspectedRootCause rootCause, SentenceEmbeddings embeddings, Conversations conversations,
           ConversationTimeline timeline, Outbox outbox, LanguageDetection languages, IdentityService identity) {
        this.languages = languages;
        this.identity = identity;
        this.classification = classification;
        this.fallbacks = fallbacks;
        this.severity = severity;
        this.queues = queues;
        this.sla = sla;
        this.rootCause = rootCause;
        this.embeddings = embeddings;
        this.conversations = conversations;
        this.timeline = timeline;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Triaged triage(Conversation conversation, UUID messageId, String text, String tier, String channel,
                          boolean askedForPerson) {
        UUID conversationId = conversation.id;
        float[] meaning = embeddings.embed(text);
        MessageClassification.Classification read = classification.classify(text, meaning);
        FallbackPolicy.Verdict fallback = fallbacks.decide(read.facts(conversationId.toString(), text), conversationId);
        String intent = fallback.intent();
        String level = severity.decide(new SeverityPolicy.Inputs(intent, read.signals(), tier, read.sentiment()),
                conversationId);
        String language = keepReading(conversation.customerId, messageId, text, read)
                .or(() -> identity.languageOf(conversation.customerId)).orElse(QueuePolicy.DEFAULT_LANGUAGE);
        QueuePolicy.Route route = queues.decide(new QueuePolicy.Inputs(intent, level, channel, tier, language),
                conversationId);

        conversations.change(conversationId, (triaged, now) -> triaged.triage(new TriageOutcome(intent, level,
                        route.queue(), route.requiredSkills(), route.handlingMode(), route.priority()),
                Actor.rule(QueuePolicy.NAME, Integer.toString(route.policyVersion())), now));
        SlaTargets due = sla.apply(conversation, new SlaPolicy.Inputs(tier, level, channel));
        Optional<Suspicion> suspectedRootCause = rootCause.judge(conversationId, intent, meaning);

        timeline.annotate(messageId, new Reading(intent, read.intent(), read.confidence(), level, read.sentiment(),
                read.entities(), read.signals().asMap(), read.p0Likelihood(), fallback.rules(), askedForPerson,
                read.exampleSetVersion(),
                language, suspectedRootCause.orElse(null)));
        outbox.publish(Topics.MESSAGE_CLASSIFIED, conversationId,
                new MessageClassified(messageId, conversationId, intent, level, route.handlingMode()));
        return new Triaged(read, intent, level, route, fallback.rules(), suspectedRootCause, due, language);
    }

    /**
     * Reads a follow-up: one embedding and the word-level readers, no policy decided and nothing
     * about the conversation changed. Its confidence and sentiment are what the escalation-triggers
     * rules weigh (low AI confidence, the sentiment trend over the conversation's messages), and the
     * reading is what {@link Retriage} judges.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public MessageClassification.Classification readFollowUp(UUID customerId, UUID messageId, String text,
                                                             boolean askedForPerson) {
        MessageClassification.Classification read = classification.classify(text);
        Optional<String> language = keepReading(customerId, messageId, text, read);
        timeline.annotate(messageId, new FollowUpReading(read.intent(), read.confidence(), read.sentiment(),
                read.entities(), read.signals().asMap(), read.p0Likelihood(), askedForPerson, read.exampleSetVersion(),
                language.orElse(null)));
        return read;
    }

    /**
     * The message's language, when it tells, kept on the message with the classifier's intent and
     * confidence, and as the customer's language.
     */
    private Optional<String> keepReading(UUID customerId, UUID messageId, String text,
                                      MessageClassification.Classification read) {
        Optional<String> detected = languages.of(text);
        timeline.setReading(messageId, detected.orElse(null), read.intent(), read.confidence());
        detected.ifPresent(language -> identity.noteLanguage(customerId, language));
        return detected;
    }
}
