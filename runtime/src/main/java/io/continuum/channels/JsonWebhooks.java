package io.continuum.channels;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * What every JSON webhook does once its signature is checked: read the body, let the channel's adapter
 * normalise it and store it through the {@link InboundSink}; a body that is not the channel's JSON is a
 * 400 problem naming what is wrong.
 */
public final class JsonWebhooks {

    private static final Logger LOG = Logger.getLogger(JsonWebhooks.class);

    private JsonWebhooks() {
    }

    /**
     * What was stored: messages new and already known, items quarantined; statuses and ignored events
     * are acknowledged too.
     */
    public record Receipt(int messages, int duplicates, int quarantined) {

        static Receipt of(List<InboundSink.Accepted> accepted) {
            int duplicates = (int) accepted.stream().filter(InboundSink.Accepted::duplicate).count();
            int quarantined = (int) accepted.stream().filter(InboundSink.Accepted::isQuarantined).count();
            return new Receipt(accepted.size() - duplicates - quarantined, duplicates, quarantined);
        }
    }

    /** Stores a signed body; {@code channel} names it in problems and logs (never the payload: it may hold PII). */
    public static Receipt store(byte[] body, String channel, ObjectMapper json, Function<JsonNode, InboundBatch> normalise,
                                InboundSink inbox) {
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JacksonException e) {
            throw malformed(channel, "the body is not JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw malformed(channel, "the body could not be read");
        }
        if (payload == null || !payload.isObject()) {
            throw malformed(channel, "the body must be a JSON object");
        }
        try {
            return Receipt.of(inbox.accept(normalise.apply(payload)));
        } catch (MalformedPayload bad) {
            if (bad.getCause() instanceof ProblemException refused) {
                throw refused;
            }
            throw malformed(channel, bad.getMessage());
        }
    }

    private static ProblemException malformed(String channel, String reason) {
        LOG.warnf("%s webhook refused: %s", channel, reason);
        return new ProblemException(Problem.of(400, "malformed-payload", "Bad Request", "Malformed " + channel + " payload: " + reason));
    }
}
