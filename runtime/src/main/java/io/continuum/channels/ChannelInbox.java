package io.continuum.channels;

import io.continuum.connectors.channel.DeliveryStatusUpdate;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.problem.ProblemException;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.csat.CsatSurveys;
import io.continuum.delivery.OutboundDelivery;
import io.continuum.ingestion.MessageIngestion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where every channel connector hands what it received: messages go through the one ingestion
 * pipeline (dedupe, identity, continuity); statuses update our outbound deliveries; a tapped survey
 * score answers its survey (once: a redelivery finds it answered). Before
 * ingestion, a message whose direct thread reference is unknown is placed by its other references
 * or by the conversation token in its subject.
 */
@ApplicationScoped
public class ChannelInbox implements InboundSink {

    private static final Logger LOG = Logger.getLogger(ChannelInbox.class);
    private static final Pattern TOKEN = Pattern.compile("C-[0-9a-f]{8}");

    private final MessageIngestion ingestion;
    private final OutboundDelivery deliveries;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final InboundQuarantine quarantine;
    private final PendingAttachments pendingAttachments;
    private final CsatSurveys surveys;

    ChannelInbox(MessageIngestion ingestion, OutboundDelivery deliveries, Conversations conversations,
                 ConversationTimeline timeline, InboundQuarantine quarantine, PendingAttachments pendingAttachments,
                 CsatSurveys surveys) {
        this.surveys = surveys;
        this.ingestion = ingestion;
        this.deliveries = deliveries;
        this.conversations = conversations;
        this.timeline = timeline;
        this.quarantine = quarantine;
        this.pendingAttachments = pendingAttachments;
    }

    /**
     * Stores what can be stored and quarantines the rest: a refused item, or a message the ingestion
     * refuses (it can never be stored as it is) that its channel handed with its raw form (WhatsApp,
     * e-mail), is kept raw for a supervisor, and the items around it go on. Only failures a retry can
     * cure (the database unreachable) are thrown, so the channel delivers again.
     */
    @Override
    public List<Accepted> accept(InboundBatch batch) {
        List<Accepted> accepted = new ArrayList<>();
        for (InboundBatch.Rejected rejected : batch.rejected()) {
            accepted.add(Accepted.quarantined(quarantine.keep(rejected)));
        }
        storeStatusesAndAnswers(batch);
        for (InboundBatch.InboundMessage inbound : batch.messages()) {
            try {
                accepted.add(ingest(inbound));
            } catch (Refused refused) {
                if (inbound.raw() == null) {
                    // an interactive sender (web chat) is told and can send it again differently
                    throw new MalformedPayload(refused.getMessage(), refused.getCause());
                }
                accepted.add(Accepted.quarantined(quarantine.keep(new InboundBatch.Rejected(inbound.message().channel(),
                        inbound.message().externalId(), refused.getMessage(), inbound.raw()))));
            }
        }
        return accepted;
    }

    /** For a quarantined item retried by a supervisor: a refusal is answered, not quarantined again. */
    List<Accepted> acceptWithoutQuarantine(InboundBatch batch) {
        storeStatusesAndAnswers(batch);
        List<Accepted> accepted = new ArrayList<>();
        for (InboundBatch.InboundMessage inbound : batch.messages()) {
            accepted.add(ingest(inbound));
        }
        return accepted;
    }

    /** The ingestion refused a message (validation): storing it again as it is can never succeed. */
    static class Refused extends RuntimeException {
        Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private void storeStatusesAndAnswers(InboundBatch batch) {
        if (!batch.statuses().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> batch.statuses().forEach(deliveries::statusChanged));
        }
        batch.ignored().forEach(reason -> LOG.debugf("Ignored inbound event: %s", reason));
        for (InboundBatch.SurveyAnswer answer : batch.surveyAnswers()) {
            CsatSurveys.Outcome outcome = surveys.answer(answer.token(), answer.score(), null, answer.channel());
            LOG.debugf("Survey answer %s on %s: %s", answer.reference(), answer.channel(), outcome);
        }
    }

    private Accepted ingest(InboundBatch.InboundMessage inbound) {
        NormalizedMessage message = placed(inbound);
        Accepted result;
        try {
            result = ingestion.ingest(message);
        } catch (ProblemException refused) {
            if (refused.problem().status() >= 500) {
                throw refused;
            }
            throw new Refused(refused.problem().detail(), refused);
        }
        // also for a redelivery: the crash may have come between the message and its pending files
        pendingAttachments.register(result.messageId(), message.channel(), inbound.pendingFiles());
        return result;
    }

    private NormalizedMessage placed(InboundBatch.InboundMessage inbound) {
        NormalizedMessage message = inbound.message();
        if (inbound.references().isEmpty() && inbound.conversationToken() == null) {
            return message;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            if (message.threadRef() != null && known(message.threadRef())) {
                return message;
            }
            Optional<String> reference = inbound.references().stream().filter(this::known).findFirst()
                    .or(() -> byToken(inbound.conversationToken()));
            return reference.map(ref -> new NormalizedMessage(message.channel(), message.externalId(), message.from(),
                    message.content(), message.attachments(), message.receivedAt(), ref)).orElse(message);
        });
    }

    private boolean known(String externalId) {
        return timeline.knowsExternalId(externalId);
    }

    /** The latest message of the conversation a subject token names, as the reference to continue it. */
    private Optional<String> byToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return conversations.findByIdPrefix(token.substring(2))
                .flatMap(timeline::latestMessageOf).map(message -> message.externalId);
    }
}
