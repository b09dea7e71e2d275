package io.continuum.routing.api;

import io.continuum.access.Roles;
import io.continuum.routing.QueueEntry;
import io.continuum.routing.WaitingQueue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Optional;

@Path("/api/v1/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private static final int MAX_LIMIT = 500;

    private final WaitingQueue waiting;

    QueueResource(WaitingQueue waiting) {
        this.waiting = waiting;
    }

    @GET
    @Path("/waiting")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Conversations waiting for an agent, in service order: time to breach, then priority")
    public List<QueueEntry> waiting(@QueryParam("queue") String queue,
                                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        return waiting.waiting(Optional.ofNullable(queue).filter(q -> !q.isBlank()), Math.max(1, Math.min(limit, MAX_LIMIT)));
    }
}
