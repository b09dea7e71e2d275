package io.continuum.channels.api;

import io.continuum.access.Roles;
import io.continuum.channels.InboundQuarantine;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/channels/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    private final InboundQuarantine quarantine;

    QuarantineResource(InboundQuarantine quarantine) {
        this.quarantine = quarantine;
    }

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Inbound items that could not become messages (unreadable, refused), newest first; status=ingested lists retried ones")
    public List<InboundQuarantine.Entry> list(@QueryParam("status") @DefaultValue(InboundQuarantine.QUARANTINED) String status,
                                              @QueryParam("limit") @DefaultValue("50") int limit) {
        return quarantine.list(status, Math.max(1, Math.min(limit, 500)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One quarantined item: channel, reference, why it was refused, retries")
    public InboundQuarantine.Entry get(@PathParam("id") UUID id) {
        return quarantine.find(id).orElseThrow(() -> ProblemException.notFound("Quarantined item", id));
    }

    @GET
    @Path("/{id}/raw")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The item exactly as the channel delivered it (a JSON item, an RFC 822 mail)")
    public Response raw(@PathParam("id") UUID id) {
        InboundQuarantine.Raw raw = quarantine.raw(id).orElseThrow(() -> ProblemException.notFound("Quarantined item", id));
        return Response.ok(raw.bytes(), raw.type()).header("Content-Disposition", "attachment; filename=\"" + id + "\"").build();
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Read the item again and store it as a message; 422 with the reason if it still cannot be, 409 unless quarantined")
    public InboundQuarantine.Entry retry(@PathParam("id") UUID id, @Context SecurityContext security) {
        return quarantine.retry(id, security.getUserPrincipal().getName());
    }
}
