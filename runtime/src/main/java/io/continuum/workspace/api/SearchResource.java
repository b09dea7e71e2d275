package io.continuum.workspace.api;

import io.continuum.access.Roles;
import io.continuum.platform.Pagination;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.continuum.workspace.Search;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final Search search;

    SearchResource(Search search) {
        this.search = search;
    }

    public record Results(String query, List<Search.Hit> items) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Messages holding every word of q (case and accents ignored), the exact phrase first, with "
            + "highlighted snippets; filtered by channel, conversation state and when received [from, to)")
    public Results search(@QueryParam("q") String q, @QueryParam("channel") String channel,
                          @QueryParam("state") String state, @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("limit") @DefaultValue("50") int limit) {
        var filter = new Search.Filter(channel, state, instant("from", from), instant("to", to));
        return new Results(q, search.messages(q, filter, Pagination.pageSize(limit)));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", field + " is not an ISO-8601 instant")
                    .withErrors(List.of(Problem.FieldError.ofField(field, "must be like 2026-11-01T00:00:00Z"))));
        }
    }
}
