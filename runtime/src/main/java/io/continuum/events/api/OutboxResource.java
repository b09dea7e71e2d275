package io.continuum.events.api;

import io.continuum.access.Roles;
import io.continuum.events.OutboxDeadLetters;
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

@Path("/api/v1/outbox")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    private final OutboxDeadLetters deadLetters;

    OutboxResource(OutboxDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Path("/dead-letters")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Events a consumer gave up on after every retry (one row per consumer and event), newest first")
    public List<OutboxDeadLetters.DeadLetter> deadLetters(@QueryParam("limit") @DefaultValue("50") int limit) {
        return deadLetters.list(Math.max(1, Math.min(limit, 500)));
    }

    @POST
    @Path("/dead-letters/{id}/retry")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Deliver the event to that consumer again, with a full new round of attempts; 409 unless it is dead")
    public Response retry(@PathParam("id") UUID id, @Context SecurityContext security) {
        return Response.accepted(deadLetters.retry(id, security.getUserPrincipal().getName())).build();
    }
}
