package io.continuum.firstcontact.api;

import io.continuum.access.Roles;
import io.continuum.firstcontact.Corrections;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/conversations/{id}/corrections")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CorrectionResource {

    private final Corrections corrections;
    private final SecurityIdentity caller;

    CorrectionResource(Corrections corrections, SecurityIdentity caller) {
        this.corrections = corrections;
        this.caller = caller;
    }

    public record CorrectionRequest(String intent, String severity, String queue) {
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A person overrides the AI's intent, severity or queue; a corrected intent becomes a labelled example")
    public Corrections.Result correct(@PathParam("id") UUID conversationId, CorrectionRequest request) {
        if (request == null || (request.intent() == null && request.severity() == null && request.queue() == null)) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "Name at least one of intent, severity, queue")
                    .withErrors(List.of(Problem.FieldError.ofField("intent", "or severity or queue is required"))));
        }
        return corrections.correct(conversationId, request.intent(), request.severity(), request.queue(),
                caller.getPrincipal().getName());
    }
}
