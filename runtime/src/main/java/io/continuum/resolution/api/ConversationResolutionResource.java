package io.continuum.resolution.api;

import io.continuum.access.Roles;
import io.continuum.audit.Actor;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.continuum.resolution.IssueType;
import io.continuum.resolution.OwningTeam;
import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionService;
import io.continuum.resolution.swarm.SlackSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/conversations/{id}/resolution")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResolutionResource {

    private final ResolutionService resolutions;
    private final SlackSettings slack;
    private final Clock clock;

    ConversationResolutionResource(ResolutionService resolutions, SlackSettings slack, Clock clock) {
        this.resolutions = resolutions;
        this.slack = slack;
        this.clock = clock;
    }

    /** All optional: the title defaults to the conversation's handoff summary, the type to technical. */
    public record OpenRequest(String title, String issueType, String owningTeam) {
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Open a Resolution for this conversation: engineering is engaged and the customer is "
            + "acknowledged at once with the case id; 409 if an open one already serves it")
    public Response open(@PathParam("id") UUID conversationId, OpenRequest request, @Context SecurityContext security) {
        OpenRequest body = request == null ? new OpenRequest(null, null, null) : request;
        IssueType type = Optional.ofNullable(body.issueType()).map(t -> IssueType.fromWire(t)
                .orElseThrow(() -> invalid("issueType", "technical, billing, ops or compliance"))).orElse(IssueType.TECHNICAL);
        Optional<OwningTeam> team = Optional.ofNullable(body.owningTeam()).map(t -> OwningTeam.fromWire(t)
                .orElseThrow(() -> invalid("owningTeam", "engineering, infra or finance")));
        String title = body.title() == null || body.title().isBlank() ? "Reported in conversation " + conversationId
                : body.title().strip();
        Resolution resolution = resolutions.open(conversationId, new ResolutionService.NewResolution(title, type, team),
                Actor.human(security.getUserPrincipal().getName()));
        ResolutionView view = ResolutionView.of(resolution, resolutions.activeLinks(resolution.id),
                resolutions.notesOf(resolution.id), resolutions.updatesOf(resolution.id),
                resolutions.statusChangesOf(resolution.id), clock.instant(), slack.workspaceUrl().orElse(null));
        return Response.status(201).entity(view).header("Location", "/api/v1/resolutions/" + resolution.id).build();
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(400, "validation", "Bad Request", "Invalid " + field)
                .withErrors(List.of(Problem.FieldError.ofField(field, message))));
    }
}
