package io.continuum.tasks.api;

import io.continuum.access.Roles;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.continuum.tasks.AgentTaskList;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Optional;

@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final AgentTaskList tasks;
    private final SecurityIdentity caller;

    TaskResource(AgentTaskList tasks, SecurityIdentity caller) {
        this.tasks = tasks;
        this.caller = caller;
    }

    public record CompleteJson(String responseSummary, Boolean resolved) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The signed-in user's task list, most urgent first: tasks they own and unowned tasks offered "
            + "to them; ?mine=true only owned ones; ?group=g the tasks offered to group g (supervisors: any group)")
    public List<AgentTaskList.Task> list(@QueryParam("group") String group,
                                         @QueryParam("mine") @DefaultValue("false") boolean mine) {
        Optional<String> wanted = Optional.ofNullable(group).filter(g -> !g.isBlank())
                .filter(g -> caller.getRoles().contains(g) || caller.hasRole(Roles.SUPERVISOR) || caller.hasRole(Roles.ADMIN));
        if (group != null && !group.isBlank() && wanted.isEmpty()) {
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden",
                    "Only supervisors may list the tasks of a group they are not in"));
        }
        return tasks.list(user(), caller.getRoles(), wanted, mine);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One task the caller may see")
    public AgentTaskList.Task get(@PathParam("id") String id) {
        return tasks.get(id, user(), caller.getRoles());
    }

    @POST
    @Path("/{id}/claim")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Take the task, and (for an agent) its conversation; 409 when another person holds either")
    public AgentTaskList.Task claim(@PathParam("id") String id) {
        return tasks.claim(id, user(), caller.getRoles());
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Complete the task (the customer was answered); {resolved:true} also resolves the conversation")
    public AgentTaskList.Task complete(@PathParam("id") String id, CompleteJson body) {
        return tasks.complete(id, user(), caller.getRoles(), body == null ? null : body.responseSummary(),
                body != null && Boolean.TRUE.equals(body.resolved()));
    }

    private String user() {
        return caller.getPrincipal().getName();
    }
}
