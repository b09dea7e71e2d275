package io.continuum.channels.meta;

import io.continuum.channels.JsonWebhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.channels.JsonWebhooks;
import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.InboundSink;
import io.continuum.connectors.meta.HubSignature;
import io.continuum.connectors.meta.MetaConfig;
import io.continuum.connectors.whatsapp.WhatsAppConfig;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * What the WhatsApp, Messenger and Instagram webhooks have in common, as Meta defines it: the GET verification
 * handshake, and a POST whose {@code X-Hub-Signature-256} is checked over the raw body before anything is parsed
 * or stored (the legacy SHA-1 {@code X-Hub-Signature} alone is refused; without an app secret, everything is).
 * The answer is 200 only once every item is durably stored, as a message, a status or, when it cannot be read
 * or is refused, as a quarantined raw item a supervisor sees (GET /api/v1/channels/quarantine): Meta must not
 * redeliver what can never be stored. A 5xx (database unreachable) makes Meta redeliver, and a redelivery is
 * recognised by the message id.
 */
@ApplicationScoped
public class MetaWebhooks {

    private static final Logger LOG = Logger.getLogger(MetaWebhooks.class);

    private final ObjectMapper json;
    private final InboundSink inbox;
    private final WhatsAppConfig whatsApp;
    private final MetaConfig meta;

    MetaWebhooks(ObjectMapper json, InboundSink inbox, WhatsAppConfig whatsApp, MetaConfig meta) {
        this.json = json;
        this.inbox = inbox;
        this.whatsApp = whatsApp;
        this.meta = meta;
    }

    /** A channel without its app secret refuses every webhook; said once at start, not only on each refusal. */
    void onStart(@Observes StartupEvent start) {
        if (whatsApp.appSecret().filter(secret -> !secret.isEmpty()).isEmpty()) {
            LOG.warn("continuum.whatsapp.app-secret is not set: /webhooks/whatsapp refuses every POST");
        }
        if (meta.appSecret().filter(secret -> !secret.isEmpty()).isEmpty()) {
            LOG.warn("continuum.meta.app-secret is not set: /webhooks/messenger and /webhooks/instagram refuse every POST");
        }
    }

    /** Meta's verification handshake: the challenge, echoed only when the mode is subscribe and the token matches. */
    public String verify(Optional<String> verifyToken, String mode, String token, String challenge, String platform) {
        boolean tokenMatches = token != null && verifyToken
                .map(expected -> MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null) {
            LOG.warnf("%s verification refused: wrong mode, token or no challenge", platform);
            throw new ProblemException(Problem.of(403, "verification-failed", "Forbidden",
                    "hub.mode must be 'subscribe' and hub.verify_token must match the configured token"));
        }
        return challenge;
    }

    /** Checks the signature, then hands every item of the payload to the inbox through the channel's adapter. */
    public JsonWebhooks.Receipt receive(Optional<String> appSecret, byte[] rawBody, String signature, ChannelAdapter<JsonNode> adapter,
                           String platform) {
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        if (!HubSignature.matches(appSecret.orElse(null), body, signature)) {
            LOG.warnf("%s webhook refused: %s", platform, appSecret.isEmpty() ? "no app secret is configured"
                    : signature == null ? "missing X-Hub-Signature-256" : "invalid signature");
            throw new ProblemException(Problem.of(401, "invalid-signature", "Unauthorized",
                    "X-Hub-Signature-256 is missing or does not match the body"));
        }
        return JsonWebhooks.store(body, platform, json, adapter::normalise, inbox);
    }
}
