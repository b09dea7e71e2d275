package io.continuum.channels.webchat;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.HexFormat;

/**
 * A customer's page that embeds the widget with one script tag. With {@code ?email=} it is a page
 * of a signed-in user: the shop's server vouches for the address the way the README shows.
 */
@Path("/test-pages/shop")
public class ChatTestPage {

    @ConfigProperty(name = "continuum.webchat.identity-secret")
    String identitySecret;

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page(@QueryParam("email") String signedInEmail) {
        String settings = signedInEmail == null ? "" : "<script>window.ContinuumChatSettings = {email: \"" + signedInEmail
                + "\", userHash: \"" + HexFormat.of().formatHex(HostSiteIdentity.hmac(identitySecret, signedInEmail))
                + "\"};</script>";
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Acme shop</title></head>"
                + "<body><h1>Acme shop</h1><p>Our products.</p>" + settings + "<script src=\"/widget.js\"></script></body></html>";
    }
}
