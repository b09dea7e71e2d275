package io.continuum.firstcontact;

import io.continuum.audit.Actor;
import io.continuum.audit.ActorType;
import io.continuum.audit.AuditTrail;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.SlaTargets;
import io.continuum.conversation.TriageOutcome;
import io.continuum.decisions.DecisionService;
import io.continuum.decisions.engine.Evaluation;
import io.continuum.identity.IdentityService;
import io.continuum.resolution.AutomaticResolutions;
import io.continuum.routing.QueuePolicy;
import io.continuum.sla.SlaPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A follow-up that changes the picture (a how-to question that turns out to be an outage, a failed payment that
 * turns out to be fraud) is triaged again through the live policies — but only upwards, and never over a person.
 *
 * <ol>
 *   <li>A follow-up is reconsidered only when it says something its conversation's triage did not weigh: a risk
 *       signal (money, security, legal, outage) or an intent of its own, read with at least
 *       {@value #CONFIDENT} confidence, other than the conversation's.</li>
 *   <li>The live {@code classification-fallbacks} and {@code severity} policies judge it as they would a first
 *       message. Only a more urgent severity changes the picture: a calmer follow-up ("thanks, that worked")
 *       never lowers what was decided, and nothing is logged for it.</li>
 *   <li>When a person answered, was assigned or corrected the triage, their decision stands: nothing moves and the
 *       decision not to move is logged ({@value #DECIDER}, applied = false, with the severity it would have had).</li>
 *   <li>Otherwise the conversation is triaged again — {@code classification-fallbacks} → {@code severity} →
 *       {@code routing} → {@code sla-policy}, each logged like a first triage; a route that asks for a
 *       Resolution opens one, and the re-triage is logged ({@value #DECIDER}, applied = true).</li>
 * </ol>
 */
@ApplicationScoped
public class Retriage {

    /** The name of the code decision in the conversation's decision log. */
    static final String DECIDER = "re-triage";
    static final int VERSION = 1;
    /** The audited actions by which a person takes a conversation's decisions over, and how the log says it. */
    private static final Map<String, String> PERSONS_DECISIONS = Map.of(
            "corrected", "a person corrected its triage",
            "assigned", "a person assigned it",
            "reprioritized", "a person set its priority",
            "replied", "a person answered the customer");
    /** Below this the classifier's intent is not trusted on its own (the fallbacks hand such a message to a person). */
    static final double CONFIDENT = 0.45;

    /** What the re-triage saw and did, as logged. */
    record Inputs(String currentIntent, String currentSeverity, String followUpIntent, double confidence,
                  Map<String, Boolean> signals, String tier, String channel) {
    }

    /** {@code intent} and {@code severity} are the conversation's afterwards; {@code proposed…} what the policies said. */
    record Outputs(boolean applied, String intent, String severity, String proposedIntent, String proposedSeverity,
                   String reason) {
    }

    private final FallbackPolicy fallbacks;
    private final SeverityPolicy severity;
    private final QueuePolicy queues;
    private final SlaPolicy sla;
    private final Conversations conversations;
    private final DecisionService decisions;
    private final IdentityService identity;
    private final AutomaticResolutions resolutions;
    private final AuditTrail audit;

    Retriage(FallbackPolicy fallbacks, SeverityPolicy severity, QueuePolicy queues, SlaPolicy sla,
             Conversations conversations, DecisionService decisions, IdentityService identity,
             AutomaticResolutions resolutions, AuditTrail audit) {
        this.resolutions = resolutions;
        this.audit = audit;
        this.fallbacks = fallbacks;
        this.severity = severity;
        this.queues = queues;
        this.sla = sla;
        this.conversations = conversations;
        this.decisions = decisions;
        this.identity = identity;
    }

    /**
     * @return the new triage when the follow-up moved the conversation; empty when it changed nothing or a
     *         person's decision stands
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Triage.Triaged> reconsider(Conversation conversation, String text,
                                               MessageClassification.Classification read, String tier, String channel) {
        if (conversation.severity == null || !saysSomethingNew(conversation, read)) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        UUID conversationId = conversation.id;
        ClassificationFacts facts = read.facts(conversationId.toString(), text);
        String intent = fallbacks.tryLive(facts).intent();
        String level = severity.tryLive(new SeverityPolicy.Inputs(intent, read.signals(), tier, read.sentiment()));
        if (level == null || !moreUrgent(level, conversation.severity)) {
            return Optional.empty();
        }
        Inputs inputs = new Inputs(conversation.intent, conversation.severity, read.intent(), read.confidence(),
                read.signals().asMap(), tier, channel);
        Optional<String> person = personDecided(conversation);
        if (person.isPresent()) {
            log(conversationId, inputs, new Outputs(false, conversation.intent, conversation.severity, intent, level,
                    "The follow-up reads as " + intent + " at " + level + ", but " + person.get()
                            + ", so their decision stands"), "person-decided", started);
            return Optional.empty();
        }

        FallbackPolicy.Verdict verdict = fallbacks.decide(facts, conversationId);
        String decidedLevel = severity.decide(new SeverityPolicy.Inputs(verdict.intent(), read.signals(), tier,
                read.sentiment()), conversationId);
        String language = identity.languageOf(conversation.customerId).orElse(QueuePolicy.DEFAULT_LANGUAGE);
        QueuePolicy.Route route = queues.decide(new QueuePolicy.Inputs(verdict.intent(), decidedLevel, channel, tier,
                language), conversationId);
        String from = conversation.severity;
        conversations.change(conversationId, (triaged, now) -> triaged.triage(new TriageOutcome(verdict.intent(),
                        decidedLevel, route.queue(), route.requiredSkills(), route.handlingMode(), route.priority()),
                Actor.rule(QueuePolicy.NAME, Integer.toString(route.policyVersion())), now));
        SlaTargets due = sla.apply(conversation, new SlaPolicy.Inputs(tier, decidedLevel, channel));
        resolutions.engage(conversationId);
        log(conversationId, inputs, new Outputs(true, verdict.intent(), decidedLevel, verdict.intent(), decidedLevel,
                "A follow-up changed the picture: " + from + " → " + decidedLevel), "more-urgent", started);
        return Optional.of(new Triage.Triaged(read, verdict.intent(), decidedLevel, route, verdict.rules(),
                Optional.empty(), due, language));
    }

    private static boolean saysSomethingNew(Conversation conversation, MessageClassification.Classification read) {
        RiskSignals signals = read.signals();
        boolean anySignal = signals.money() || signals.security() || signals.legal() || signals.outage();
        boolean otherIntent = read.confidence() >= CONFIDENT && !read.intent().equals(conversation.intent)
                && !Intent.NOISE_LOW_INTENT.wireName().equals(read.intent());
        return anySignal || otherIntent;
    }

    /** P0 is the most urgent, P3 the least. */
    static boolean moreUrgent(String level, String than) {
        return level.compareTo(than) < 0;
    }

    /**
     * What a person decided about this conversation, in words, if anything: a correction of its triage, an
     * assignment, a reply or a move of its state by a person. An agent that routing assigned by itself is no
     * person's decision, so a re-triage may still raise that conversation's severity (the assignment stays).
     */
    private Optional<String> personDecided(Conversation conversation) {
        List<String> actions = audit.actionsByPeople(conversation.id, PERSONS_DECISIONS.keySet());
        if (!actions.isEmpty()) {
            return Optional.of(PERSONS_DECISIONS.get(actions.get(0)));
        }
        boolean movedByPerson = conversations.stateChangesOf(conversation.id).stream()
                .anyMatch(change -> change.actor != null && change.actor.startsWith(ActorType.HUMAN.wireName() + ":"));
        return movedByPerson ? Optional.of("a person changed its state") : Optional.empty();
    }

    private void log(UUID conversationId, Inputs inputs, Outputs outputs, String rule, long started) {
        decisions.record(DECIDER, VERSION, conversationId, inputs, outputs,
                List.of(new Evaluation.FiredRule(rule, DECIDER, outputs.reason())), (System.nanoTime() - started) / 1_000);
    }
}
