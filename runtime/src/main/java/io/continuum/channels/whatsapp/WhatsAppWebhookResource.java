package io.continuum.channels.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.channels.JsonWebhooks;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.whatsapp.HubSignature;
import io.continuum.connectors.whatsapp.WhatsAppConfig;
import io.continuum.connectors.whatsapp.WhatsAppAdapter;
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
import java.security.MessageDigest;

/**
 * WhatsApp Cloud API webhook. The signature is checked over the raw body before anything is
 * parsed or stored; the answer is 200 only once every item is durably stored, as a message, a
 * status or, when it cannot be read or is refused, as a quarantined raw item a supervisor sees
 * (GET /api/v1/channels/quarantine): Meta must not redeliver what can never be stored. A 5xx
 * (database unreachable) makes Meta redeliver, and a redelivery is recognised by the message id.
 */
@Path("/webhooks/whatsapp")
public class WhatsAppWebhookResource {

    private static final Logger LOG = Logger.getLogger(WhatsAppWebhookResource.class);

    private final WhatsAppConfig config;
    private final ObjectMapper json;
    private final WhatsAppAdapter adapter;
    private final InboundSink inbox;

    WhatsAppWebhookResource(WhatsAppConfig config, ObjectMapper json, WhatsAppAdapter adapter, InboundSink inbox) {
        this.config = config;
        this.json = json;
        this.adapter = adapter;
        this.inbox = inbox;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's verification handshake: echoes hub.challenge when hub.verify_token matches")
    public String verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
                         @QueryParam("hub.challenge") String challenge) {
        boolean tokenMatches = token != null && config.verifyToken()
                .map(expected -> MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null) {
            LOG.warn("WhatsApp verification refused: wrong mode, token or no challenge");
            throw new ProblemException(Problem.of(403, "verification-failed", "Forbidden",
                    "hub.mode must be 'subscribe' and hub.verify_token must match the configured token"));
        }
        return challenge;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cloud API events (messages, statuses), signed with X-Hub-Signature-256")
    public JsonWebhooks.Receipt receive(byte[] rawBody, @HeaderParam("X-Hub-Signature-256") String signature) {
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        if (!HubSignature.matches(config.appSecret().orElse(null), body, signature)) {
            LOG.warnf("WhatsApp webhook refused: %s signature", signature == null ? "missing" : "invalid");
            throw new ProblemException(Problem.of(401, "invalid-signature", "Unauthorized",
                    "X-Hub-Signature-256 is missing or does not match the body"));
        }
        return JsonWebhooks.store(body, "WhatsApp", json, adapter::normalise, inbox);
    }
}
