package io.continuum.channels.sms;

import io.continuum.channels.twilio.TwilioWebhooks;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.sms.SmsAdapter;
import io.continuum.connectors.sms.TwilioForm;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Twilio's SMS webhook: inbound messages (with MMS media) and the status callbacks of our replies, one per
 * request, form-encoded. The signature is checked before anything is read into the system; the answer is 200
 * (an empty TwiML response: nothing is said back here, replies go through delivery) only once the item is
 * stored, as a message, a status, or quarantined raw when it cannot be read. A redelivery is recognised by
 * its MessageSid.
 */
@Path("/webhooks/twilio/sms")
public class TwilioSmsWebhookResource {

    private static final Logger LOG = Logger.getLogger(TwilioSmsWebhookResource.class);
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final TwilioWebhooks webhooks;
    private final SmsAdapter adapter;
    private final InboundSink inbox;

    TwilioSmsWebhookResource(TwilioWebhooks webhooks, SmsAdapter adapter, InboundSink inbox) {
        this.webhooks = webhooks;
        this.adapter = adapter;
        this.inbox = inbox;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "Inbound SMS/MMS and status callbacks, form-encoded, signed with X-Twilio-Signature")
    public String receive(byte[] rawBody, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        TwilioForm form = webhooks.verified("SMS", rawBody, signature, uri);
        try {
            inbox.accept(adapter.normalise(form));
        } catch (MalformedPayload bad) {
            if (bad.getCause() instanceof ProblemException refused) {
                throw refused;
            }
            LOG.warnf("Twilio SMS webhook refused: %s", bad.getMessage());
            throw new ProblemException(Problem.of(400, "malformed-payload", "Bad Request", "Malformed Twilio payload: " + bad.getMessage()));
        }
        return EMPTY_TWIML;
    }
}
