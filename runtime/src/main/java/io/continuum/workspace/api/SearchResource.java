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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final Search search;

    SearchResource(Search search) {
        this.search = search;
    }

    /** What a search can look through, by the names {@code kinds} takes. */
    enum Kind {
        MESSAGES, NOTES, CUSTOMERS, RESOLUTIONS;

        static Set<Kind> parse(String kinds) {
            if (kinds == null || kinds.isBlank()) {
                return EnumSet.allOf(Kind.class);
            }
            Set<Kind> parsed = EnumSet.noneOf(Kind.class);
            for (String kind : kinds.split(",")) {
                try {
                    parsed.add(valueOf(kind.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ProblemException(Problem.of(400, "validation", "Bad Request", "Unknown kind '" + kind.strip() + "'")
                            .withErrors(List.of(Problem.FieldError.ofField("kinds",
                                    "a comma-separated list of messages, notes, customers, resolutions"))));
                }
            }
            return parsed;
        }
    }

    /** {@code items} are the messages; each list is empty when its kind was not asked for. */
    public record Results(String query, List<Search.Hit> items, List<Search.NoteHit> notes,
                          List<Search.CustomerHit> customers, List<Search.ResolutionHit> resolutions) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Messages (items) and internal notes holding every word of q (case and accents ignored), the "
            + "exact phrase first, with highlighted snippets; customers one of whose verified identifiers is q (an e-mail "
            + "address, phone number or social id: names are sealed and never searched); Resolutions whose title holds "
            + "every word. Filtered by channel, state (the conversation's; a Resolution's status) and time [from, to); "
            + "kinds limits what is searched (messages, notes, customers, resolutions; default all)")
    public Results search(@QueryParam("q") String q, @QueryParam("channel") String channel,
                          @QueryParam("state") String state, @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("kinds") String kinds, @QueryParam("limit") @DefaultValue("50") int limit) {
        var filter = new Search.Filter(channel, state, instant("from", from), instant("to", to));
        Set<Kind> asked = Kind.parse(kinds);
        int pageSize = Pagination.pageSize(limit);
        return new Results(q,
                asked.contains(Kind.MESSAGES) ? search.messages(q, filter, pageSize) : List.of(),
                asked.contains(Kind.NOTES) ? search.notes(q, filter, pageSize) : List.of(),
                asked.contains(Kind.CUSTOMERS) && channel == null && state == null && from == null && to == null
                        ? search.customers(q, pageSize) : List.of(),
                asked.contains(Kind.RESOLUTIONS) && channel == null ? search.resolutions(q, filter, pageSize) : List.of());
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
