package io.continuum.channels.webchat;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A customer's page that embeds the widget with one script tag and nothing else. */
@Path("/test-pages/shop")
public class ChatTestPage {

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Acme shop</title></head>"
                + "<body><h1>Acme shop</h1><p>Our products.</p><script src=\"/widget.js\"></script></body></html>";
    }
}
