package io.continuum.knowledge.api;

import io.continuum.access.Roles;
import io.continuum.knowledge.SimilarCases;
import io.continuum.knowledge.SimilarCases.SimilarCase;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Similar-case lookup by text: earlier conversations that meant the same, and how they ended. */
@Path("/api/v1/kb/similar-cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER})
public class SimilarCasesResource {

    private static final int MAX_LIMIT = 50;

    private final SimilarCases similarCases;

    SimilarCasesResource(SimilarCases similarCases) {
        this.similarCases = similarCases;
    }

    public record SimilarCasesPage(List<SimilarCase> items) {
    }

    @GET
    @Operation(summary = "Conversations whose first message means much the same as q, closest first")
    public SimilarCasesPage forText(@QueryParam("q") String q, @QueryParam("limit") @DefaultValue("5") int limit) {
        if (q == null || q.isBlank()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "q is required")
                    .withErrors(List.of(Problem.FieldError.ofField("q", "must not be blank"))));
        }
        return new SimilarCasesPage(similarCases.similarTo(q, checked(limit)));
    }

    static int checked(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "limit must be 1.." + MAX_LIMIT)
                    .withErrors(List.of(Problem.FieldError.ofField("limit", "must be between 1 and " + MAX_LIMIT))));
        }
        return limit;
    }
}
