package io.continuum.channels.webchat;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The embeddable chat widget: one {@code <script src=".../widget.js"></script>} on any site. */
@Path("/widget.js")
public class WidgetResource {

    private final byte[] script;

    public WidgetResource() {
        try (InputStream in = WidgetResource.class.getResourceAsStream("/webchat/widget.js")) {
            script = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @PermitAll
    @Produces("application/javascript")
    @Operation(summary = "The web chat widget script (plain JavaScript, no framework)")
    public Response widget() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(script).cacheControl(cache).header("Access-Control-Allow-Origin", "*").build();
    }
}
