package io.continuum.firstcontact.api;

import io.continuum.access.Roles;
import io.continuum.firstcontact.ExampleImport;
import io.continuum.firstcontact.ExampleSource;
import io.continuum.firstcontact.IntentExamples;
import io.continuum.firstcontact.Entities;
import io.continuum.firstcontact.MessageClassification;
import io.continuum.firstcontact.SeverityPolicy;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

@Path("/api/v1/ai")
@Produces(MediaType.APPLICATION_JSON)
public class ClassifierResource {

    static final String TEXT_CSV = "text/csv";

    private final IntentExamples examples;
    private final MessageClassification classification;
    private final SeverityPolicy severity;
    private final SecurityIdentity caller;

    ClassifierResource(IntentExamples examples, MessageClassification classification, SeverityPolicy severity,
                       SecurityIdentity caller) {
        this.examples = examples;
        this.classification = classification;
        this.severity = severity;
        this.caller = caller;
    }

    /** {@code channel} is accepted for the integrations that send it; no current policy input depends on it. */
    public record ClassifyRequest(String text, String tier, String channel) {
    }

    public record ExamplesAdded(int added, int version) {
    }

    /** The classifier's reading with the severity the live policy gives it (not logged: it concerns no one). */
    public record ClassificationView(String intent, double confidence, String severity, double sentiment,
                                     List<Entities.Entity> entities, Map<String, Boolean> signals, int exampleSetVersion) {
    }

    @POST
    @Path("/examples")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Add labelled examples [{text, intent, p0?}] as a new example-set version")
    public Response addExamples(List<Map<String, Object>> rows) {
        var added = ExampleImport.fromJson(rows);
        int version = examples.add(added, ExampleSource.API, caller.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(new ExamplesAdded(added.size(), version)).build();
    }

    @POST
    @Path("/examples")
    @Consumes(TEXT_CSV)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Import labelled examples from CSV with a header row (text, intent, optional p0; other columns ignored)")
    public Response importExamples(String document) {
        var added = ExampleImport.fromCsv(document);
        int version = examples.add(added, ExampleSource.IMPORT, caller.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(new ExamplesAdded(added.size(), version)).build();
    }

    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.API})
    @Operation(summary = "Classify a message without creating a conversation: intent, confidence, severity (live policy), sentiment, entities, signals")
    public ClassificationView classify(ClassifyRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new ProblemException(Problem.of(400, "invalid-request", "Invalid request", "text is required")
                    .withErrors(List.of(Problem.FieldError.ofField("text", "must not be empty"))));
        }
        MessageClassification.Classification read = classification.classify(request.text());
        String level = severity.tryLive(new SeverityPolicy.Inputs(read.intent(), read.signals(), request.tier(),
                read.sentiment()));
        return new ClassificationView(read.intent(), read.confidence(), level, read.sentiment(), read.entities(),
                read.signals().asMap(), read.exampleSetVersion());
    }
}
