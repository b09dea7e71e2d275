package io.continuum.channels.whatsapp;

import io.continuum.channels.JsonWebhooks;
import io.continuum.channels.meta.MetaWebhooks;
import io.continuum.connectors.whatsapp.WhatsAppAdapter;
import io.continuum.connectors.whatsapp.WhatsAppConfig;
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
 * WhatsApp Cloud API webhook (messages and statuses). Signature, handshake and storage as every Meta webhook
 * ({@link MetaWebhooks}).
 */
@Path("/webhooks/whatsapp")
public class WhatsAppWebhookResource {

    private final WhatsAppConfig config;
    private final WhatsAppAdapter adapter;
    private final MetaWebhooks webhooks;

    WhatsAppWebhookResource(WhatsAppConfig config, WhatsAppAdapter adapter, MetaWebhooks webhooks) {
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
        return webhooks.verify(config.verifyToken(), mode, token, challenge, "WhatsApp");
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cloud API events (messages, statuses), signed with X-Hub-Signature-256")
    public JsonWebhooks.Receipt receive(byte[] rawBody, @HeaderParam("X-Hub-Signature-256") String signature) {
        return webhooks.receive(config.appSecret(), rawBody, signature, adapter, "WhatsApp");
    }
}
