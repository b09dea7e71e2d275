package io.continuum.resolution.api;

import io.continuum.access.Roles;
import io.continuum.audit.Actor;
import io.continuum.platform.ConcurrentUpdates;
import io.continuum.platform.Pagination;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.continuum.resolution.OwningTeam;
import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionService;
import io.continuum.resolution.ResolutionStatus;
import io.continuum.resolution.swarm.SlackSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Long-running issues: the Resolutions board, the engineers' working view and the customer relay. */
@Path("/api/v1/resolutions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResolutionResource {

    private final ResolutionService resolutions;
    private final SlackSettings slack;
    private final Clock clock;

    ResolutionResource(ResolutionService resolutions, SlackSettings slack, Clock clock) {
        this.resolutions = resolutions;
        this.slack = slack;
        this.clock = clock;
    }

    public record ResolutionPage(List<ResolutionView> items, String nextCursor) {
    }

    public record Window(Instant start, Instant end) {
    }

    public record ResolutionPatch(String status, String owningTeam, String title, Window etaWindow, String rootCause,
                                  String fixDescription, Boolean clockPaused) {
    }

    public record UpdateRequest(@NotBlank String text) {
    }

    public record NoteRequest(@NotBlank String content) {
    }

    public record LinkRequest(@NotNull UUID conversationId) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ENGINEER, Roles.ANALYST, Roles.API})
    @Operation(summary = "The Resolutions board: newest first, optionally by status; each with its linked "
            + "conversations, next update due and swarm link")
    public ResolutionPage list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit,
                               @QueryParam("after") String after) {
        Optional<ResolutionStatus> filter = Optional.ofNullable(status).map(s -> ResolutionStatus.fromWire(s)
                .orElseThrow(() -> ProblemException.badRequest("Unknown status " + s)));
        int pageSize = Pagination.pageSize(limit);
        Instant now = clock.instant();
        List<ResolutionView> items = resolutions.list(filter, Pagination.cursor(after), pageSize).stream()
                .map(r -> ResolutionView.of(r, resolutions.activeLinks(r.id), null, null, null, now, slackUrl()))
                .toList();
        return new ResolutionPage(items, Pagination.next(items.size(), pageSize, () -> items.get(items.size() - 1).id()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ENGINEER, Roles.ANALYST, Roles.API})
    @Operation(summary = "A Resolution with its conversations, internal notes, customer updates and status history")
    public ResolutionView get(@PathParam("id") UUID id) {
        return view(resolutions.require(id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Change status (legal moves only, else 409), owning team, ETA window (engineers only), "
            + "root cause, fix, or pause/resume the clock")
    public ResolutionView patch(@PathParam("id") UUID id, ResolutionPatch patch, @Context SecurityContext security) {
        if (patch == null) {
            throw ProblemException.badRequest("A JSON body is required");
        }
        ResolutionService.Change change = new ResolutionService.Change(
                Optional.ofNullable(patch.status()).map(s -> ResolutionStatus.fromWire(s)
                        .orElseThrow(() -> invalid("status", "one of " + List.of(ResolutionStatus.values()).stream()
                                .map(ResolutionStatus::wireName).toList()))),
                Optional.ofNullable(patch.owningTeam()).map(t -> OwningTeam.fromWire(t)
                        .orElseThrow(() -> invalid("owningTeam", "engineering, infra or finance"))),
                Optional.ofNullable(patch.title()).filter(t -> !t.isBlank()),
                Optional.ofNullable(patch.etaWindow()).map(Window::start),
                Optional.ofNullable(patch.etaWindow()).map(Window::end),
                Optional.ofNullable(patch.rootCause()), Optional.ofNullable(patch.fixDescription()),
                Optional.ofNullable(patch.clockPaused()));
        String user = security.getUserPrincipal().getName();
        return view(resolutions.change(id, change, Actor.human(user), security.isUserInRole(Roles.ENGINEER)));
    }

    @POST
    @Path("/{id}/updates")
    @RolesAllowed({Roles.ENGINEER, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "An update relayed at once to every linked customer (through the failsafes and templates)")
    public Response update(@PathParam("id") UUID id, @Valid @NotNull UpdateRequest request, @Context SecurityContext security) {
        // linked conversations are busy rows (triage, deliveries): a writer that got there first is waited out, not
        // answered with 409; the update is written once, by the attempt that commits
        ConcurrentUpdates.inNewTransaction(() ->
                resolutions.relayUpdate(id, request.text(), Actor.human(security.getUserPrincipal().getName())));
        return Response.status(201).entity(view(resolutions.require(id))).build();
    }

    @POST
    @Path("/{id}/notes")
    @RolesAllowed({Roles.ENGINEER, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "An internal note (never shown to customers; synced to the swarm channel)")
    public Response note(@PathParam("id") UUID id, @Valid @NotNull NoteRequest request, @Context SecurityContext security) {
        resolutions.note(id, request.content(), security.getUserPrincipal().getName(), "api", null);
        return Response.status(201).entity(view(resolutions.require(id))).build();
    }

    @POST
    @Path("/{id}/conversations")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "Link another conversation (its customer is acknowledged at once and then updated with the rest)")
    public ResolutionView link(@PathParam("id") UUID id, @Valid @NotNull LinkRequest request,
                               @Context SecurityContext security) {
        resolutions.link(id, request.conversationId(), Actor.human(security.getUserPrincipal().getName()));
        return view(resolutions.require(id));
    }

    @DELETE
    @Path("/{id}/conversations/{conversationId}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "Unlink a conversation: its customer gets no further updates from this Resolution")
    public ResolutionView unlink(@PathParam("id") UUID id, @PathParam("conversationId") UUID conversationId,
                                 @Context SecurityContext security) {
        resolutions.unlink(id, conversationId, Actor.human(security.getUserPrincipal().getName()));
        return view(resolutions.require(id));
    }

    private ResolutionView view(Resolution r) {
        return ResolutionView.of(r, resolutions.activeLinks(r.id), resolutions.notesOf(r.id), resolutions.updatesOf(r.id),
                resolutions.statusChangesOf(r.id), clock.instant(), slackUrl());
    }

    private String slackUrl() {
        return slack.workspaceUrl().orElse(null);
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(400, "validation", "Bad Request", "Invalid " + field)
                .withErrors(List.of(Problem.FieldError.ofField(field, message))));
    }
}
