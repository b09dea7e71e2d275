package io.continuum.channels.twilio;

import io.continuum.connectors.sms.TwilioConfig;
import io.continuum.connectors.sms.TwilioForm;
import io.continuum.connectors.sms.TwilioSignature;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

/**
 * What every Twilio webhook (SMS and voice) does first: read the form and check its {@code X-Twilio-Signature}
 * against the URL Twilio called, before anything of it reaches the system. A body that is not a form, a
 * missing or wrong signature, or no auth token or public URL configured is a 401 problem, nothing stored.
 */
@ApplicationScoped
public class TwilioWebhooks {

    private static final Logger LOG = Logger.getLogger(TwilioWebhooks.class);

    private final TwilioConfig config;

    TwilioWebhooks(TwilioConfig config) {
        this.config = config;
    }

    /** The form of a request Twilio signed; {@code product} ("SMS", "voice") only names it in the log. */
    public TwilioForm verified(String product, byte[] rawBody, String signature, UriInfo uri) {
        TwilioForm form;
        try {
            form = TwilioForm.parse(rawBody == null ? new byte[0] : rawBody);
        } catch (IllegalArgumentException notForm) {
            throw refused(product, signature);
        }
        if (!TwilioSignature.matches(config.authToken().orElse(null), publicUrl(uri), form, signature)) {
            throw refused(product, signature);
        }
        return form;
    }

    /** The URL Twilio signed: the public base URL it was given, plus this request's path and query as received. */
    private String publicUrl(UriInfo uri) {
        return config.publicUrl().map(base -> publicBase(base) + uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery())).orElse(null);
    }

    /** Where Twilio reaches a path of ours (a TwiML action URL, a callback): the public base URL and the path. */
    public String publicUrlOf(String path) {
        return config.publicUrl().map(base -> publicBase(base) + path).orElse(path);
    }

    private static String publicBase(String base) {
        return base.replaceAll("/$", "");
    }

    private static ProblemException refused(String product, String signature) {
        LOG.warnf("Twilio %s webhook refused: %s signature", product, signature == null ? "missing" : "invalid");
        return new ProblemException(Problem.of(401, "invalid-signature", "Unauthorized",
                "X-Twilio-Signature is missing or does not match the URL and parameters"));
    }
}
