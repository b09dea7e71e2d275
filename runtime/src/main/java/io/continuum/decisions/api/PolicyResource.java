package io.continuum.decisions.api;

import io.continuum.access.Roles;
import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import io.continuum.decisions.Policy;
import io.continuum.decisions.PolicyGit;
import io.continuum.decisions.PolicyKind;
import io.continuum.decisions.PolicyPublishing;
import io.continuum.decisions.PolicySimulation;
import io.continuum.decisions.PolicyStore;
import io.continuum.decisions.Simulations;
import io.continuum.decisions.PolicyVersion;
import io.continuum.decisions.PublishRequest;
import io.continuum.decisions.engine.Evaluation;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyStore store;
    private final DecisionService decisions;
    private final Simulations simulations;
    private final PolicyGit git;
    private final PolicyPublishing publishing;
    private final SecurityIdentity caller;

    PolicyResource(PolicyStore store, DecisionService decisions, Simulations simulations, PolicyGit git,
                   PolicyPublishing publishing, SecurityIdentity caller) {
        this.store = store;
        this.publishing = publishing;
        this.decisions = decisions;
        this.simulations = simulations;
        this.git = git;
        this.caller = caller;
    }

    public record PolicySummary(String name, String kind, Integer liveVersion, boolean requiresSecondApprover,
                                Instant updatedAt) {
    }

    /** {@code publishedBy} asked for the publication; {@code approvedBy} is the second person, where one was required. */
    public record VersionView(String policy, int version, String status, String author, String comment,
                              List<Map<String, Object>> warnings, Instant createdAt, Instant publishedAt,
                              String publishedBy, String approvedBy, Instant retiredAt, String source) {
    }

    public record PublishRequestView(UUID id, String policy, int version, boolean applyToOpen, String status,
                                     String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
                                     String reason) {
    }

    public record ApprovalRuleRequest(Boolean requiresSecondApprover) {
    }

    public record RejectionRequest(String reason) {
    }

    public record RollbackRequest(Integer toVersion) {
    }

    public record EvaluationView(String policy, int version, Map<String, Object> outputs,
                                 List<Evaluation.FiredRule> fired, Long durationMicros) {
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.AGENT, Roles.ENGINEER, Roles.API, Roles.DEVELOPER})
    @Operation(summary = "All policies with their live version")
    public List<PolicySummary> list() {
        return store.policies().stream().map(PolicyResource::summary).toList();
    }

    @GET
    @Path("/{name}/versions")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.AGENT, Roles.ENGINEER, Roles.API, Roles.DEVELOPER})
    @Operation(summary = "The history of a policy, oldest first (without sources)")
    public List<VersionView> versions(@PathParam("name") String name) {
        return store.versions(name).stream().map(version -> view(version, false)).toList();
    }

    @GET
    @Path("/{name}/versions/{version}")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.AGENT, Roles.ENGINEER, Roles.API, Roles.DEVELOPER})
    @Operation(summary = "One version with its source (DMN XML or DRL)")
    public VersionView version(@PathParam("name") String name, @PathParam("version") int version) {
        return view(store.requireVersion(name, version), true);
    }

    @POST
    @Path("/{name}/versions")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN, "application/octet-stream"})
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.DEVELOPER})
    @Operation(summary = "Upload a new version (the DMN XML or DRL text as the body); broken sources are 422 with line and column",
            description = "DRL rule sets are code: only developers and admins may upload them (403 otherwise).")
    public Response create(@PathParam("name") String name, @QueryParam("comment") String comment, String source) {
        requireMayChange(name);
        PolicyVersion created = store.createVersion(name, source, caller.getPrincipal().getName(), comment);
        return Response.status(Response.Status.CREATED).entity(view(created, false)).build();
    }

    @POST
    @Path("/{name}/versions/{version}/publish")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Make a version live on every node without a restart (200), or ask a second person to approve it (202)",
            description = "applyToOpen=true also re-applies it to open conversations (for SLA targets); by default only new ones get it. "
                    + "A policy that requires a second approver answers 202 with the pending publish request.")
    public Response publish(@PathParam("name") String name, @PathParam("version") int version,
                            @QueryParam("applyToOpen") @DefaultValue("false") boolean applyToOpen) {
        return outcome(publishing.publish(name, version, caller.getPrincipal().getName(), applyToOpen));
    }

    @PUT
    @Path("/{name}/approval-rule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Whether publishing this policy needs a second person's approval (four-eyes publishing)")
    public PolicySummary approvalRule(@PathParam("name") String name, ApprovalRuleRequest request) {
        if (request == null || request.requiresSecondApprover() == null) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "requiresSecondApprover is required")
                    .withErrors(List.of(Problem.FieldError.ofField("requiresSecondApprover", "must be true or false"))));
        }
        return summary(publishing.requireSecondApprover(name, request.requiresSecondApprover(), caller.getPrincipal().getName()));
    }

    @GET
    @Path("/{name}/publish-requests")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.AGENT, Roles.ENGINEER, Roles.API, Roles.DEVELOPER})
    @Operation(summary = "Publications asked for, newest first: pending, approved (by whom) or rejected (by whom, why)")
    public List<PublishRequestView> publishRequests(@PathParam("name") String name) {
        return publishing.requests(name).stream().map(PolicyResource::view).toList();
    }

    @POST
    @Path("/{name}/publish-requests/{id}/approve")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Approve a pending publication: the version goes live",
            description = "Only a person other than the requester (403 four-eyes otherwise); 409 when it is no longer pending.")
    public VersionView approve(@PathParam("name") String name, @PathParam("id") UUID id) {
        return view(publishing.approve(name, id, caller.getPrincipal().getName()), false);
    }

    @POST
    @Path("/{name}/publish-requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Turn down a pending publication with a reason (the requester may withdraw their own)")
    public PublishRequestView reject(@PathParam("name") String name, @PathParam("id") UUID id, RejectionRequest request) {
        return view(publishing.reject(name, id, caller.getPrincipal().getName(), request == null ? null : request.reason()));
    }

    public record SimulationRequest(Instant since, Integer limit) {
    }

    public record SimulationView(UUID id, String policy, int version, String status, int total, int processed,
                                 int changed, Map<String, Object> report, String startedBy, Instant startedAt,
                                 Instant finishedAt) {
    }

    @POST
    @Path("/{name}/versions/{version}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.DEVELOPER})
    @Operation(summary = "Replay recent decisions (default the last 10,000) through this version and count changed outcomes",
            description = "Answers 200 with the report when done within ?wait= (default PT10S), else 202 with the running simulation. "
                    + "retention-policy is tried on today's conversations instead (limit: how many), against its live version.")
    public Response simulate(@PathParam("name") String name, @PathParam("version") int version,
                             @QueryParam("wait") @DefaultValue("PT10S") String wait, SimulationRequest request) {
        SimulationRequest given = request == null ? new SimulationRequest(null, null) : request;
        PolicySimulation started = simulations.start(name, version, Optional.ofNullable(given.since()),
                Optional.ofNullable(given.limit()), caller.getPrincipal().getName());
        PolicySimulation current = simulations.await(started.id, parseWait(wait));
        return Response.status("running".equals(current.status) ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(view(current)).build();
    }

    @GET
    @Path("/{name}/simulations/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.DEVELOPER})
    @Operation(summary = "Progress and report of a simulation")
    public SimulationView simulation(@PathParam("name") String name, @PathParam("id") UUID id) {
        return view(simulations.require(id));
    }

    @POST
    @Path("/{name}/simulations/{id}/cancel")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.DEVELOPER})
    @Operation(summary = "Stop a running simulation; what was replayed so far stays in its report")
    public SimulationView cancel(@PathParam("name") String name, @PathParam("id") UUID id) {
        return view(simulations.cancel(id));
    }

    @GET
    @Path("/{name}/versions/{version}/file")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML})
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.ENGINEER, Roles.DEVELOPER})
    @Operation(summary = "The version's source as its file under rules/ or decision-tables/, byte for byte")
    public Response file(@PathParam("name") String name, @PathParam("version") int version) {
        PolicyVersion stored = store.requireVersion(name, version);
        Policy policy = store.requirePolicy(name);
        String fileName = name + "." + policy.policyKind().extension();
        return Response.ok(stored.source.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        policy.policyKind() == io.continuum.decisions.PolicyKind.DMN ? MediaType.APPLICATION_XML : MediaType.TEXT_PLAIN)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    @POST
    @Path("/{name}/versions/{version}/export")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.DEVELOPER})
    @Operation(summary = "Write the version to its file in the configured git repository and commit it with its publisher as author")
    public PolicyGit.Export export(@PathParam("name") String name, @PathParam("version") int version,
                                   @QueryParam("commit") @DefaultValue("true") boolean commit) {
        return git.export(name, version, commit);
    }

    @POST
    @Path("/{name}/import")
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.DEVELOPER})
    @Operation(summary = "Create a new version from the policy's file in the configured git repository",
            description = "DRL rule sets are code: only developers and admins may import them (403 otherwise).")
    public Response importFromGit(@PathParam("name") String name) {
        requireMayChange(name);
        return Response.status(Response.Status.CREATED)
                .entity(view(git.importFile(name, caller.getPrincipal().getName()), false)).build();
    }

    /**
     * A DRL rule's consequence is Java that runs on every node (and in every simulation): changing a
     * rule set is changing the application's code, so it is for developers and admins. Decision
     * tables (DMN, FEEL only) are data that analysts and supervisors own.
     */
    private void requireMayChange(String name) {
        if (store.requirePolicy(name).policyKind() == PolicyKind.DRL
                && !caller.hasRole(Roles.DEVELOPER) && !caller.hasRole(Roles.ADMIN)) {
            throw new ProblemException(Problem.of(403, "rules-are-code", "Forbidden",
                    "Policy " + name + " is a DRL rule set, whose rules run Java code: only developers and admins may change it"));
        }
    }

    private static Duration parseWait(String wait) {
        try {
            Duration parsed = Duration.parse(wait);
            return parsed.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : parsed;
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "wait must be an ISO-8601 duration")
                    .withErrors(List.of(Problem.FieldError.ofField("wait", "e.g. PT10S"))));
        }
    }

    private SimulationView view(PolicySimulation s) {
        return new SimulationView(s.id, s.policyName, s.policyVersion, s.status, s.total, s.processed, s.changed,
                simulations.reportOf(s), s.startedBy, s.startedAt, s.finishedAt);
    }

    @POST
    @Path("/{name}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Publish an earlier version again (202 with a publish request where a second approver is required)")
    public Response rollback(@PathParam("name") String name, RollbackRequest request) {
        if (request == null || request.toVersion() == null) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "toVersion is required")
                    .withErrors(List.of(Problem.FieldError.ofField("toVersion", "must be a version number"))));
        }
        return outcome(publishing.rollback(name, request.toVersion(), caller.getPrincipal().getName()));
    }

    @POST
    @Path("/{name}/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.ADMIN, Roles.API, Roles.AGENT, Roles.DEVELOPER})
    @Operation(summary = "Evaluate the live version (or ?version=) on the given inputs; nothing is logged")
    public EvaluationView evaluate(@PathParam("name") String name, @QueryParam("version") Integer version,
                                   Map<String, Object> inputs) {
        Map<String, Object> given = inputs == null ? Map.of() : inputs;
        if (version != null) {
            Evaluation evaluation = decisions.tryVersion(name, version, given);
            return new EvaluationView(name, version, evaluation.outputs(), evaluation.fired(), null);
        }
        store.requirePolicy(name);
        Decision decision = decisions.tryLive(name, given);
        return new EvaluationView(name, decision.version(), decision.outputs(), decision.fired(), decision.durationMicros());
    }

    private static PolicySummary summary(Policy policy) {
        return new PolicySummary(policy.name, policy.kind, policy.liveVersion, policy.requiresSecondApprover, policy.updatedAt);
    }

    private static Response outcome(PolicyPublishing.Outcome outcome) {
        if (outcome instanceof PolicyPublishing.AwaitingApproval waiting) {
            return Response.accepted(view(waiting.request())).build();
        }
        return Response.ok(view(((PolicyPublishing.Live) outcome).version(), false)).build();
    }

    private static PublishRequestView view(PublishRequest r) {
        return new PublishRequestView(r.id, r.policyName, r.version, r.applyToOpen, r.status, r.requestedBy, r.requestedAt,
                r.decidedBy, r.decidedAt, r.reason);
    }

    private static VersionView view(PolicyVersion version, boolean withSource) {
        return new VersionView(version.policyName, version.version, version.status, version.author, version.comment,
                version.validation, version.createdAt, version.publishedAt, version.publishedBy, version.approvedBy,
                version.retiredAt,
                withSource ? version.source : null);
    }
}
