package io.continuum.channels;

import io.continuum.connectors.channel.DeliveryStatusUpdate;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.problem.ProblemException;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
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
 * pipeline (dedupe, identity, continuity); statuses update our outbound deliveries. Before
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

    ChannelInbox(MessageIngestion ingestion, OutboundDelivery deliveries, Conversations conversations,
                 ConversationTimeline timeline) {
        this.ingestion = ingestion;
        this.deliveries = deliveries;
        this.conversations = conversations;
        this.timeline = timeline;
    }

    @Override
    public List<Accepted> accept(InboundBatch batch) {
        if (!batch.statuses().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> batch.statuses().forEach(deliveries::statusChanged));
        }
        batch.ignored().forEach(reason -> LOG.debugf("Ignored inbound event: %s", reason));
        List<Accepted> accepted = new ArrayList<>();
        for (InboundBatch.InboundMessage inbound : batch.messages()) {
            NormalizedMessage message = placed(inbound);
            try {
                accepted.add(ingestion.ingest(message));
            } catch (ProblemException refused) {
                if (refused.problem().status() >= 500) {
                    throw refused;
                }
                // the message can never be stored as it is: the channel must not offer it again and again
                throw new MalformedPayload(refused.problem().detail(), refused);
            }
        }
        return accepted;
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
