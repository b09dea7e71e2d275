package io.continuum.workspace.api;

import io.continuum.access.Roles;
import io.continuum.conversation.Conversations;
import io.continuum.workspace.LiveEvent;
import io.continuum.workspace.Presence;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/presence/{conversationId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER})
public class PresenceResource {

    private final Presence presence;
    private final Conversations conversations;
    private final SecurityIdentity caller;

    PresenceResource(Presence presence, Conversations conversations, SecurityIdentity caller) {
        this.presence = presence;
        this.conversations = conversations;
        this.caller = caller;
    }

    public record Here(boolean typing) {
    }

    public record People(List<LiveEvent.Viewer> people) {
    }

    @PUT
    @Operation(summary = "I have this conversation open (typing a reply or not), said every 10 s; answers who is there now")
    public People here(@PathParam("conversationId") UUID conversationId, Here request) {
        conversations.require(conversationId);
        return new People(presence.here(conversationId, caller.getPrincipal().getName(), request != null && request.typing()));
    }

    @DELETE
    @Operation(summary = "I closed this conversation")
    public Response left(@PathParam("conversationId") UUID conversationId) {
        presence.left(conversationId, caller.getPrincipal().getName());
        return Response.noContent().build();
    }
}
