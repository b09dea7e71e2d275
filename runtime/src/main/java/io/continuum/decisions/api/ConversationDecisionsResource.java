package io.continuum.decisions.api;

import io.continuum.access.Roles;
import io.continuum.decisions.DecisionExplanation;
import io.continuum.decisions.DecisionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/conversations/{id}/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationDecisionsResource {

    private final DecisionService decisions;

    ConversationDecisionsResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER})
    @Operation(summary = "Every automated decision about a conversation, oldest first, with inputs, outputs, "
            + "rows or rules fired, policy versions, duration and an explanation in words")
    public List<DecisionExplanation> decisions(@PathParam("id") UUID conversationId) {
        return decisions.decisionsOf(conversationId).stream().map(DecisionExplanation::of).toList();
    }
}
