package io.continuum.routing.api;

import io.continuum.access.Roles;
import io.continuum.audit.Actor;
import io.continuum.platform.ConcurrentUpdates;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.continuum.routing.Agent;
import io.continuum.routing.AgentStatus;
import io.continuum.routing.Agents;
import io.continuum.routing.AssignmentSource;
import io.continuum.routing.RoutingEngine;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {

    private final Agents agents;
    private final RoutingEngine routing;
    private final SecurityIdentity caller;

    AgentResource(Agents agents, RoutingEngine routing, SecurityIdentity caller) {
        this.agents = agents;
        this.routing = routing;
        this.caller = caller;
    }

    public record AgentJson(UUID id, String username, String name, List<String> skills, List<String> languages,
                            List<String> channels, List<String> teams, Map<String, Integer> capacity,
                            Map<String, Integer> load, String status, Instant statusChangedAt) {

        static AgentJson of(Agents.AgentView view) {
            Agent agent = view.agent();
            return new AgentJson(agent.id, agent.username, agent.name, agent.skills, agent.languages, agent.channels,
                    agent.teams, view.capacity(), view.load(), agent.status, agent.statusChangedAt);
        }
    }

    public record NewAgentJson(String username, String name, List<String> skills, List<String> languages,
                               List<String> channels, List<String> teams, Map<String, Integer> capacity, String status) {
    }

    public record StatusJson(String status) {
    }

    public record NextJson(UUID conversationId, String agentUsername, String by) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Every agent with skills, languages, channels, capacity and live load per channel, and status")
    public List<AgentJson> list() {
        return agents.list().stream().map(AgentJson::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "One agent")
    public AgentJson get(@PathParam("id") UUID id) {
        return agents.view(id).map(AgentJson::of).orElseThrow(() -> ProblemException.notFound("Agent", id));
    }

    @POST
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Create an agent; username is the sign-in identity that sees the agent's tasks")
    public Response create(NewAgentJson body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || body.username() == null || body.username().isBlank()) {
            errors.add(Problem.FieldError.ofField("username", "must not be blank"));
        }
        if (body == null || body.name() == null || body.name().isBlank()) {
            errors.add(Problem.FieldError.ofField("name", "must not be blank"));
        }
        AgentStatus status = body == null || body.status() == null ? AgentStatus.OFFLINE : status(body.status(), errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The agent is not valid").withErrors(errors));
        }
        Agent agent = agents.create(new Agents.NewAgent(body.username().trim(), body.name().trim(), body.skills(),
                body.languages(), body.channels(), body.teams(), body.capacity(), status), caller.getPrincipal().getName());
        return Response.status(201).entity(get(agent.id)).build();
    }

    @PUT
    @Path("/{id}/status")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Set an agent's status (available, busy, away, offline); becoming available pulls waiting work")
    @Transactional
    public AgentJson changeStatus(@PathParam("id") UUID id, StatusJson body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        AgentStatus status = body == null || body.status() == null ? null : status(body.status(), errors);
        if (status == null) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The status is not valid")
                    .withErrors(errors.isEmpty() ? List.of(Problem.FieldError.ofField("status", "is required")) : errors));
        }
        requireSelfOrSupervisor(agents.require(id));
        agents.changeStatus(id, status, Actor.human(caller.getPrincipal().getName()));
        return get(id);
    }

    @POST
    @Path("/{id}/next")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Pull: give this agent the most urgent waiting conversation they qualify for; 204 when none")
    public Response next(@PathParam("id") UUID id) {
        requireSelfOrSupervisor(agents.require(id));
        return ConcurrentUpdates.inNewTransaction(() -> routing.pullNext(id, AssignmentSource.PULL))
                .map(assignment -> Response.ok(new NextJson(assignment.conversationId(), assignment.username(), assignment.by())).build())
                .orElseGet(() -> Response.noContent().build());
    }

    private void requireSelfOrSupervisor(Agent agent) {
        if (!caller.getPrincipal().getName().equals(agent.username) && !caller.hasRole(Roles.SUPERVISOR)
                && !caller.hasRole(Roles.ADMIN)) {
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden",
                    "Only the agent themself or a supervisor may do this"));
        }
    }

    private static AgentStatus status(String value, List<Problem.FieldError> errors) {
        try {
            return AgentStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            errors.add(Problem.FieldError.ofField("status", "must be one of "
                    + Arrays.stream(AgentStatus.values()).map(AgentStatus::wireName).toList()));
            return null;
        }
    }
}
