package io.continuum.knowledge.api;

import io.continuum.access.Roles;
import io.continuum.knowledge.KnowledgeSearch;
import io.continuum.knowledge.KnowledgeSearch.KnowledgeMatch;
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
import java.util.Locale;
import java.util.Optional;

@Path("/api/v1/kb/search")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeSearchResource {

    private final KnowledgeSearch search;

    KnowledgeSearchResource(KnowledgeSearch search) {
        this.search = search;
    }

    public record SearchResults(String query, String locale, String mode, List<KnowledgeMatch> items) {
    }

    /** text: the words (web-search syntax); semantic: the meaning; hybrid: both, each article by its better score. */
    enum Mode {
        TEXT, SEMANTIC, HYBRID;

        static Mode of(String value) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "Unknown search mode " + value)
                    .withErrors(List.of(Problem.FieldError.ofField("mode", "must be text, semantic or hybrid"))));
        }
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER, Roles.API})
    @Operation(summary = "Published articles matching q (web-search syntax: words, \"phrases\", -exclude, or), best first, "
            + "each with a score in [0, 1] and a snippet; locale limits them to one language; mode=semantic finds "
            + "articles by meaning whatever their words, mode=hybrid combines both")
    public SearchResults search(@QueryParam("q") String q, @QueryParam("locale") String locale,
                                @QueryParam("mode") @DefaultValue("text") String mode,
                                @QueryParam("limit") @DefaultValue("10") int limit) {
        if (q == null || q.isBlank()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "q is required")
                    .withErrors(List.of(Problem.FieldError.ofField("q", "must not be blank"))));
        }
        Mode searchMode = Mode.of(mode);
        Optional<String> language = Optional.ofNullable(locale);
        List<KnowledgeMatch> items = switch (searchMode) {
            case TEXT -> search.search(q, language, limit);
            case SEMANTIC -> search.semantic(q, language, limit);
            case HYBRID -> search.hybrid(q, language, limit, true);
        };
        return new SearchResults(q, locale, searchMode.name().toLowerCase(Locale.ROOT), items);
    }
}
