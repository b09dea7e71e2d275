package io.continuum.macros.api;

import io.continuum.access.Roles;
import io.continuum.macros.Macros;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/conversations/{id}/macros/{macroId}/apply")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationMacroResource {

    private final Macros macros;
    private final SecurityIdentity caller;

    ConversationMacroResource(Macros macros, SecurityIdentity caller) {
        this.macros = macros;
        this.caller = caller;
    }

    /** The text as the agent left it in the composer, when they changed the macro's before sending. */
    public record ApplyRequest(String content) {
    }

    public record AppliedView(UUID messageId, String content, String channel, String state, long usageCount) {
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Send a macro as the caller's reply, placeholders filled, then add its tags and change the "
            + "state; an illegal state change is 409 and nothing is sent")
    public Response apply(@PathParam("id") UUID conversationId, @PathParam("macroId") UUID macroId, ApplyRequest request) {
        Macros.Applied applied = macros.apply(conversationId, macroId,
                Optional.ofNullable(request).map(ApplyRequest::content), caller.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(new AppliedView(applied.reply().id, applied.reply().content,
                applied.reply().channel, applied.state(), applied.usageCount())).build();
    }
}
