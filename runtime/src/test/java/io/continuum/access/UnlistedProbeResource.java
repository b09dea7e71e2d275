package io.continuum.access;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * An endpoint someone added without thinking of access: no role annotation, no path rule.
 * Exists only in the test application, to show that deny-by-default covers it.
 */
@Path("/probe-added-without-a-rule")
public class UnlistedProbeResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String probe() {
        return "reachable";
    }
}
