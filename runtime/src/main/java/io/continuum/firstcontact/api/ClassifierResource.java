package io.continuum.firstcontact.api;

import io.continuum.access.Roles;
import io.continuum.firstcontact.Entities;
import io.continuum.firstcontact.ExampleImport;
import io.continuum.firstcontact.ExampleSource;
import io.continuum.firstcontact.Intent;
import io.continuum.firstcontact.IntentExamples;
import io.continuum.firstcontact.LearningReport;
import io.continuum.firstcontact.MessageClassification;
import io.continuum.firstcontact.ReviewQueue;
import io.continuum.firstcontact.SeverityPolicy;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/ai")
@Produces(MediaType.APPLICATION_JSON)
public class ClassifierResource {

    static final String TEXT_CSV = "text/csv";
    static final int MAX_UNSURE = 200;
    static final int MAX_UNSURE_DAYS = 90;

    private final IntentExamples examples;
    private final MessageClassification classification;
    private final SeverityPolicy severity;
    private final SecurityIdentity caller;
    private final LearningReport learning;
    private final ReviewQueue review;
    private final Clock clock;

    ClassifierResource(IntentExamples examples, MessageClassification classification, SeverityPolicy severity,
                       SecurityIdentity caller, LearningReport learning, ReviewQueue review, Clock clock) {
        this.learning = learning;
        this.review = review;
        this.clock = clock;
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

    public record LabelRequest(String intent, Boolean p0) {
    }

    public record Labelled(UUID messageId, String intent, int version) {
    }

    /** An inbound message the classifier was unsure of, to be labelled (POST /examples) by an analyst. */
    public record UnsureMessage(UUID messageId, UUID conversationId, Instant receivedAt, String intent,
                                double confidence, String language, String text) {
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

    @GET
    @Path("/unsure")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "The inbound messages of the last `days` (1-90, default 7) the classifier was least sure of, "
            + "least sure first, at most `limit` (1-200, default 50): what to label next")
    public List<UnsureMessage> unsure(@QueryParam("days") @DefaultValue("7") int days,
                                      @QueryParam("limit") @DefaultValue("50") int limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (days < 1 || days > MAX_UNSURE_DAYS) {
            errors.add(Problem.FieldError.ofField("days", "must be between 1 and " + MAX_UNSURE_DAYS));
        }
        if (limit < 1 || limit > MAX_UNSURE) {
            errors.add(Problem.FieldError.ofField("limit", "must be between 1 and " + MAX_UNSURE));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "invalid-request", "Invalid request", "days or limit out of range")
                    .withErrors(errors));
        }
        return review.unsureSince(clock.instant().minus(Duration.ofDays(days)), limit).stream()
                .map(message -> new UnsureMessage(message.id, message.conversationId, message.createdAt,
                        message.aiIntent, message.aiConfidence, message.language, message.content))
                .toList();
    }

    @POST
    @Path("/unsure/{messageId}/label")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Label a message of the unsure list {intent, p0?}: it becomes an example (a new example-set "
            + "version) and leaves the list")
    public Response label(@PathParam("messageId") UUID messageId, LabelRequest request) {
        Intent intent = Optional.ofNullable(request).map(LabelRequest::intent).flatMap(Intent::ofWireName)
                .orElseThrow(() -> new ProblemException(Problem.of(400, "validation", "Bad Request", "A known intent is required")
                        .withErrors(List.of(Problem.FieldError.ofField("intent", "must be one of "
                                + Arrays.stream(Intent.values()).map(Intent::wireName).toList())))));
        int version = review.label(messageId, intent, Boolean.TRUE.equals(request.p0()), caller.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(new Labelled(messageId, intent.wireName(), version)).build();
    }

    @POST
    @Path("/examples/versions/{version}/revert")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Take back the examples an example-set version added, as a new version (the built-in examples "
            + "stay); every node rebuilds its classifier without them")
    public IntentExamples.Reverted revert(@PathParam("version") int version) {
        return examples.revert(version, caller.getPrincipal().getName());
    }

    @GET
    @Path("/learning-report")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Accuracy and macro-F1 on the product's fixed validation messages after each example-set "
            + "version, with the change from the version before: whether new labels helped")
    public List<LearningReport.VersionFigures> learningReport() {
        return learning.versions();
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
