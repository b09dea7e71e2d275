package io.continuum.workspace.api;

import io.continuum.access.Roles;
import io.continuum.workspace.LiveUpdates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The workspace's push channel. Authenticated like every API call (Basic or a bearer token in the Authorization
 * header): the web app reads it with fetch, which can send that header, where EventSource cannot.
 */
@Path("/api/v1/live")
public class LiveResource {

    private final LiveUpdates live;

    LiveResource(LiveUpdates live) {
        this.live = live;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "Server-sent events: 'ready' once connected, then a 'change' {type, conversationId, resolutionId, "
            + "agentId, severity, people, at} for every new message, assignment, state, SLA warning or breach, "
            + "Resolution change and presence change")
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        live.open(sink, sse);
    }
}
