package io.continuum.channels.sms;

import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.sms.SmsAdapter;
import io.continuum.connectors.sms.TwilioConfig;
import io.continuum.connectors.sms.TwilioForm;
import io.continuum.connectors.sms.TwilioSignature;
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

    private final TwilioConfig config;
    private final SmsAdapter adapter;
    private final InboundSink inbox;

    TwilioSmsWebhookResource(TwilioConfig config, SmsAdapter adapter, InboundSink inbox) {
        this.config = config;
        this.adapter = adapter;
        this.inbox = inbox;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "Inbound SMS/MMS and status callbacks, form-encoded, signed with X-Twilio-Signature")
    public String receive(byte[] rawBody, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        TwilioForm form;
        try {
            form = TwilioForm.parse(rawBody == null ? new byte[0] : rawBody);
        } catch (IllegalArgumentException notForm) {
            throw refused(signature);
        }
        if (!TwilioSignature.matches(config.authToken().orElse(null), publicUrl(uri), form, signature)) {
            throw refused(signature);
        }
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

    /** The URL Twilio signed: the public base URL it was given, plus this request's path and query as received. */
    private String publicUrl(UriInfo uri) {
        return config.publicUrl().map(base -> base.replaceAll("/$", "") + uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery())).orElse(null);
    }

    private static ProblemException refused(String signature) {
        LOG.warnf("Twilio SMS webhook refused: %s signature", signature == null ? "missing" : "invalid");
        return new ProblemException(Problem.of(401, "invalid-signature", "Unauthorized",
                "X-Twilio-Signature is missing or does not match the URL and parameters"));
    }
}
