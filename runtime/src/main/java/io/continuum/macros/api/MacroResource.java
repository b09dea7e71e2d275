package io.continuum.macros.api;

import io.continuum.access.Roles;
import io.continuum.macros.Macro;
import io.continuum.macros.MacroPlaceholders;
import io.continuum.macros.Macros;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/macros")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MacroResource {

    private final Macros macros;
    private final SecurityIdentity caller;

    MacroResource(Macros macros, SecurityIdentity caller) {
        this.macros = macros;
        this.caller = caller;
    }

    public record MacroView(UUID id, String name, String body, boolean shared, String owner, List<String> addTags,
                            String changeState, long usageCount, Instant lastUsedAt, Instant updatedAt) {

        static MacroView of(Macro macro) {
            return new MacroView(macro.id, macro.name, macro.body, macro.shared, macro.owner, List.copyOf(macro.addTags),
                    macro.changeState, macro.usageCount, macro.lastUsedAt, macro.updatedAt);
        }
    }

    /** The caller's macros and the shared ones, and the placeholders a macro may use. */
    public record MacroList(List<MacroView> items, List<String> placeholders) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The caller's own macros and the shared ones; q matches name or text")
    public MacroList list(@QueryParam("q") String query) {
        return new MacroList(macros.visibleTo(username(), Optional.ofNullable(query)).stream().map(MacroView::of).toList(),
                MacroPlaceholders.NAMES);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A macro the caller owns, or a shared one")
    public MacroView get(@PathParam("id") UUID id) {
        return macros.find(id, username()).map(MacroView::of).orElseThrow(() -> ProblemException.notFound("Macro", id));
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A new macro {name, body, shared, addTags?, changeState?}: private to its author, or shared "
            + "(supervisors and admins)")
    public Response create(Macros.Draft draft) {
        return Response.status(Response.Status.CREATED).entity(MacroView.of(macros.create(draft, who()))).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Change a macro: its owner a private one, supervisors and admins a shared one")
    public MacroView update(@PathParam("id") UUID id, Macros.Draft draft) {
        return MacroView.of(macros.update(id, draft, who()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Delete a macro: its owner a private one, supervisors and admins a shared one")
    public Response delete(@PathParam("id") UUID id) {
        macros.delete(id, who());
        return Response.noContent().build();
    }

    private String username() {
        return caller.getPrincipal().getName();
    }

    private Macros.Caller who() {
        return new Macros.Caller(username(), caller.hasRole(Roles.SUPERVISOR) || caller.hasRole(Roles.ADMIN));
    }
}
