package io.continuum.csat;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.consent.ConsentPurpose;
import io.continuum.consent.ConsentState;
import io.continuum.consent.Consents;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationState;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Message;
import io.continuum.decisions.DecisionService;
import io.continuum.decisions.engine.Evaluation;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.templates.CommunicationTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Satisfaction surveys: one per resolution of a conversation, sent in the customer's channel as an automated
 * message (a fixed template, so no AI failsafe is involved) that carries a signed link any channel can show,
 * and, where the channel has buttons, the same token behind them. An answer counts once, before the survey
 * expires, and is published as {@code csat.received}.
 */
@ApplicationScoped
public class CsatSurveys {

    static final String AUTHOR = "system:csat";
    static final String CONSENT_DECIDER = "survey-consent";
    static final int CONSENT_VERSION = 1;
    /** Longest comment a customer can leave with a score. */
    public static final int LONGEST_COMMENT = 2000;
    private static final String QUESTION_TEMPLATE = "csat-question";
    private static final String SURVEY_TEMPLATE = "csat-survey";

    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final Consents consents;
    private final CommunicationTemplates templates;
    private final CsatLinks links;
    private final CsatConfig config;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final DecisionService decisions;
    private final Clock clock;

    CsatSurveys(Conversations conversations, ConversationTimeline timeline, Consents consents,
                CommunicationTemplates templates, CsatLinks links, CsatConfig config, AuditTrail audit, Outbox outbox, DecisionService decisions, Clock clock) {
        this.decisions = decisions;
        this.conversations = conversations;
        this.timeline = timeline;
        this.consents = consents;
        this.templates = templates;
        this.links = links;
        this.config = config;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What asking for a survey did. */
    public sealed interface Request {
        /** A survey went out now. */
        record Sent(CsatSurvey survey) implements Request {
        }

        /** This resolution was already surveyed: nothing new went out. */
        record AlreadySent(CsatSurvey survey) implements Request {
        }

        /** The customer has not consented to surveys (or withdrew): nothing went out. */
        record NoConsent(String consentStatus) implements Request {
        }

        /** Only a resolved conversation is surveyed. */
        record NotResolved(String state) implements Request {
        }
    }

    /** What a survey's token is good for now, or what answering with it did. */
    public enum Outcome {
        /** The survey waits for its answer. */
        OPEN,
        /** The answer is recorded now. */
        RECORDED,
        ALREADY_ANSWERED,
        EXPIRED,
        /** No survey of ours: unknown, tampered with or malformed. */
        UNKNOWN
    }

    /** What the consent check read when a survey was not sent: logged as a decision, so "why no survey?" has its answer. */
    public record ConsentInputs(UUID customerId, String purpose, String consentStatus, Instant withdrawnAt,
                                UUID consentRecordId) {
    }

    public record ConsentOutputs(boolean send) {
    }

    /** Audited on the survey: ids and the score, never the comment. */
    private record Requested(UUID conversationId, String channel, UUID messageId, Instant expiresAt) {
    }

    private record Answered(int score, boolean commented, String via) {
    }

    /**
     * Asks the customer to rate the latest resolution of the conversation, once per resolution: asking again
     * answers the survey already out. Runs in the caller's transaction when there is one (an automation's).
     */
    @Transactional
    public Request request(UUID conversationId, Actor requestedBy) {
        // the conversation's row lock: two requests for it take turns, and the survey message changes it next
        Conversation conversation = conversations.requireForUpdate(conversationId);
        if (conversation.conversationState() != ConversationState.RESOLVED || conversation.resolvedAt == null) {
            return new Request.NotResolved(conversation.state);
        }
        Optional<CsatSurvey> earlier = CsatSurvey.find("conversationId = ?1 and resolvedAt = ?2", conversationId,
                conversation.resolvedAt).firstResultOptional();
        if (earlier.isPresent()) {
            return new Request.AlreadySent(earlier.get());
        }
        long started = System.nanoTime();
        ConsentState consent = consents.current(conversation.customerId, ConsentPurpose.SURVEYS);
        if (!consent.allowed()) {
            String why = "withdrawn".equals(consent.status())
                    ? "the customer withdrew consent to surveys; no survey is sent"
                    : "surveys need the customer's consent, which was never given";
            decisions.record(CONSENT_DECIDER, CONSENT_VERSION, conversationId,
                    new ConsentInputs(conversation.customerId, consent.purpose(), consent.status(), consent.withdrawnAt(),
                            consent.recordId()), new ConsentOutputs(false),
                    List.of(new Evaluation.FiredRule(consent.status(), "consent", why)),
                    (System.nanoTime() - started) / 1_000);
            return new Request.NoConsent(consent.status());
        }
        Instant now = clock.instant();
        CsatSurvey survey = new CsatSurvey();
        survey.id = UUID.randomUUID();
        survey.conversationId = conversationId;
        survey.customerId = conversation.customerId;
        survey.resolvedAt = conversation.resolvedAt;
        survey.agentId = conversation.assignedAgentId;
        survey.queue = conversation.queue;
        survey.channel = conversation.currentChannel;
        survey.requestedBy = requestedBy.type().wireName() + ":" + requestedBy.name();
        survey.requestedAt = now;
        survey.expiresAt = now.plus(config.linkTtl());
        String text = templates.render(SURVEY_TEMPLATE, null, Map.of("question", question(),
                "link", linkOf(links.tokenFor(survey.id, survey.expiresAt))));
        Message message = timeline.sendAutomatically(conversationId, text, survey.channel, AUTHOR, Actor.system("csat"));
        survey.messageId = message.id;
        survey.persist();
        audit.record("csat-survey", survey.id, "requested", requestedBy, null,
                new Requested(conversationId, survey.channel, message.id, survey.expiresAt));
        return new Request.Sent(survey);
    }

    /** Whether a token could answer its survey now, without answering (the page the link opens). */
    public Outcome check(String token) {
        return surveyOf(token, LockModeType.NONE).map(found -> found.state(clock.instant())).orElse(Outcome.UNKNOWN);
    }

    /**
     * Records the customer's score (1 to 5) and optional comment, once: the survey row is locked, so of two
     * answers racing only the first counts.
     */
    @Transactional
    public Outcome answer(String token, int score, String comment, String via) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("a score is 1 to 5");
        }
        Optional<Found> found = surveyOf(token, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        CsatSurvey survey = found.get().survey();
        Instant now = clock.instant();
        Outcome state = found.get().state(now);
        if (state != Outcome.OPEN) {
            return state;
        }
        survey.answer(score, comment, via, now);
        audit.record("csat-survey", survey.id, "answered", Actor.system("customer"), null,
                new Answered(score, survey.comment() != null, via));
        outbox.publish(Topics.CSAT_RECEIVED, survey.conversationId, new CsatReceived(survey.id, survey.conversationId,
                survey.customerId, survey.agentId, survey.queue, survey.channel, score, survey.comment() != null, via));
        return Outcome.RECORDED;
    }

    /** The survey a message carries, for a channel that shows buttons instead of the link. */
    public Optional<OutboundMessage.Survey> carriedBy(UUID messageId) {
        return CsatSurvey.<CsatSurvey>find("messageId", messageId).firstResultOptional()
                .map(survey -> new OutboundMessage.Survey(question(), links.tokenFor(survey.id, survey.expiresAt)));
    }

    /** The customer's latest answer about the conversation (on csat.received, the one just given). */
    public Optional<Integer> latestScore(UUID conversationId) {
        return CsatSurvey.<CsatSurvey>find("conversationId = ?1 and answeredAt is not null order by answeredAt desc",
                conversationId).firstResultOptional().map(survey -> (int) survey.score);
    }

    public Optional<CsatSurvey> find(UUID surveyId) {
        return CsatSurvey.findByIdOptional(surveyId);
    }

    /** A survey a token names, and the expiry the token was signed with. */
    private record Found(CsatSurvey survey, Instant tokenExpiresAt) {

        Outcome state(Instant now) {
            if (survey.answered()) {
                return Outcome.ALREADY_ANSWERED;
            }
            return survey.expired(now) || !tokenExpiresAt.isAfter(now) ? Outcome.EXPIRED : Outcome.OPEN;
        }
    }

    private Optional<Found> surveyOf(String token, LockModeType lock) {
        return links.verify(token).flatMap(signed -> CsatSurvey.<CsatSurvey>findByIdOptional(signed.surveyId(), lock)
                .map(survey -> new Found(survey, signed.expiresAt())));
    }

    private String question() {
        return templates.render(QUESTION_TEMPLATE, null, Map.of());
    }

    private String linkOf(String token) {
        return config.publicUrl().replaceAll("/+$", "") + "/csat/" + token;
    }
}
