package io.continuum.channels.instagram;

import io.continuum.channels.JsonWebhooks;
import io.continuum.channels.meta.MetaWebhooks;
import io.continuum.connectors.instagram.InstagramAdapter;
import io.continuum.connectors.meta.MetaConfig;
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

/**
 * Instagram messaging webhook (Instagram subscriptions: messages, messaging_postbacks, messaging_seen; story replies and mentions arrive as messages). Signature, handshake and storage as every Meta webhook
 * ({@link MetaWebhooks}).
 */
@Path("/webhooks/instagram")
public class InstagramWebhookResource {

    private final MetaConfig config;
    private final InstagramAdapter adapter;
    private final MetaWebhooks webhooks;

    InstagramWebhookResource(MetaConfig config, InstagramAdapter adapter, MetaWebhooks webhooks) {
        this.config = config;
        this.adapter = adapter;
        this.webhooks = webhooks;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's verification handshake: echoes hub.challenge when hub.verify_token matches")
    public String verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
                         @QueryParam("hub.challenge") String challenge) {
        return webhooks.verify(config.verifyToken(), mode, token, challenge, "Instagram");
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Instagram events, signed with X-Hub-Signature-256")
    public JsonWebhooks.Receipt receive(byte[] rawBody, @HeaderParam("X-Hub-Signature-256") String signature) {
        return webhooks.receive(config.appSecret(), rawBody, signature, adapter, "Instagram");
    }
}
