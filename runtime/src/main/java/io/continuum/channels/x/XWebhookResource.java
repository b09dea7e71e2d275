package io.continuum.channels.x;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.channels.JsonWebhooks;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.x.XAdapter;
import io.continuum.connectors.x.XConfig;
import io.continuum.connectors.x.XSignature;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * X Account Activity webhook: the CRC check (GET) proves we hold the consumer secret; events (POST) are
 * checked against {@code x-twitter-webhooks-signature} over the raw body before anything is parsed. The answer
 * is 200 only once every DM is stored (or quarantined raw when it cannot be read); a redelivery is recognised
 * by the DM event id.
 */
@Path("/webhooks/x")
public class XWebhookResource {

    private static final Logger LOG = Logger.getLogger(XWebhookResource.class);

    private final XConfig config;
    private final ObjectMapper json;
    private final XAdapter adapter;
    private final InboundSink inbox;

    XWebhookResource(XConfig config, ObjectMapper json, XAdapter adapter, InboundSink inbox) {
        this.config = config;
        this.json = json;
        this.adapter = adapter;
        this.inbox = inbox;
    }

    /** The CRC answer: {@code sha256=} + base64 HMAC-SHA256 of the crc_token with the consumer secret. */
    public record CrcResponse(@JsonProperty("response_token") String responseToken) {
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "X's challenge-response check: answers the crc_token signed with the consumer secret")
    public CrcResponse crc(@QueryParam("crc_token") String crcToken) {
        String secret = config.consumerSecret().orElse(null);
        if (secret == null || secret.isEmpty()) {
            LOG.warn("X CRC check refused: continuum.x.consumer-secret is not set");
            throw new ProblemException(Problem.of(401, "not-configured", "Unauthorized", "The X channel has no consumer secret"));
        }
        if (crcToken == null || crcToken.isBlank()) {
            throw ProblemException.badRequest("crc_token is required");
        }
        return new CrcResponse(XSignature.sign(secret, crcToken.getBytes(StandardCharsets.UTF_8)));
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Account Activity events (direct messages), signed with x-twitter-webhooks-signature")
    public JsonWebhooks.Receipt receive(byte[] rawBody, @HeaderParam("x-twitter-webhooks-signature") String signature) {
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        if (!XSignature.matches(config.consumerSecret().orElse(null), body, signature)) {
            LOG.warnf("X webhook refused: %s signature", signature == null ? "missing" : "invalid");
            throw new ProblemException(Problem.of(401, "invalid-signature", "Unauthorized",
                    "x-twitter-webhooks-signature is missing or does not match the body"));
        }
        return JsonWebhooks.store(body, "X", json, adapter::normalise, inbox);
    }
}
