package io.continuum.knowledge.api;

import io.continuum.access.Roles;
import io.continuum.knowledge.SimilarCases;
import io.continuum.knowledge.api.SimilarCasesResource.SimilarCasesPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/** Similar-case lookup from a conversation: what the agent working it sees beside the brief. */
@Path("/api/v1/conversations/{id}/similar-cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER})
public class ConversationSimilarCasesResource {

    private final SimilarCases similarCases;

    ConversationSimilarCasesResource(SimilarCases similarCases) {
        this.similarCases = similarCases;
    }

    @GET
    @Operation(summary = "Earlier conversations whose first message means much the same as this one's, closest first, "
            + "with their state, the reason given when they were resolved and their Resolution")
    public SimilarCasesPage similarCases(@PathParam("id") UUID id, @QueryParam("limit") @DefaultValue("5") int limit) {
        return new SimilarCasesPage(similarCases.similarToConversation(id, SimilarCasesResource.checked(limit)));
    }
}
