package io.continuum.knowledge.api;

import io.continuum.access.Roles;
import io.continuum.knowledge.ArticleStatus;
import io.continuum.knowledge.ArticleVersion;
import io.continuum.knowledge.KnowledgeBase;
import io.continuum.knowledge.KnowledgeBase.ArticleSnapshot;
import io.continuum.platform.Pagination;
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

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/kb/articles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ArticleResource {

    private final KnowledgeBase knowledgeBase;
    private final SecurityIdentity caller;

    ArticleResource(KnowledgeBase knowledgeBase, SecurityIdentity caller) {
        this.knowledgeBase = knowledgeBase;
        this.caller = caller;
    }

    /** One version of an article: its text and who wrote it. */
    public record VersionView(int version, String title, String body, List<String> tags, String locale, String status,
                              String author, String note, Instant createdAt) {
    }

    /** An article with one of its versions (the current one unless ?version= asked for another). */
    public record ArticleView(UUID id, String slug, String url, int currentVersion, String author, Instant createdAt,
                              Instant updatedAt, VersionView version) {
    }

    public record ArticleSummary(UUID id, String slug, String url, String title, List<String> tags, String locale,
                                 String status, int currentVersion, Instant createdAt, Instant updatedAt) {
    }

    public record ArticlePage(List<ArticleSummary> items, String nextCursor) {
    }

    /** An entry of the history, without the body (read it with ?version=). */
    public record VersionSummary(int version, String title, List<String> tags, String locale, String status,
                                 String author, String note, Instant createdAt) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER, Roles.API})
    @Operation(summary = "Articles as of their current version, newest first, filtered by tag, locale (en also matches en-gb) or status")
    public ArticlePage list(@QueryParam("tag") String tag, @QueryParam("locale") String locale,
                            @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit,
                            @QueryParam("after") String after) {
        int pageSize = Pagination.pageSize(limit);
        var filter = new KnowledgeBase.ListFilter(Optional.ofNullable(tag), Optional.ofNullable(locale),
                Optional.ofNullable(status).map(ArticleResource::parseStatus));
        List<ArticleSummary> items = knowledgeBase.list(filter, Pagination.cursor(after), pageSize).stream()
                .map(ArticleResource::summary).toList();
        return new ArticlePage(items, Pagination.next(items.size(), pageSize, () -> items.get(items.size() - 1).id()));
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Create an article (version 1): {title, body (Markdown), tags?, locale? (en), status? (draft), slug?}")
    public Response create(KnowledgeBase.NewArticle request) {
        if (request == null) {
            throw ProblemException.badRequest("The body must be {title, body, tags?, locale?, status?, slug?}");
        }
        ArticleSnapshot created = knowledgeBase.create(request, caller.getPrincipal().getName());
        return Response.created(URI.create("/api/v1/kb/articles/" + created.article().id)).entity(view(created)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER, Roles.API})
    @Operation(summary = "An article with its current version, or with the version asked for (?version=)")
    public ArticleView get(@PathParam("id") UUID id, @QueryParam("version") Integer version) {
        Optional<ArticleSnapshot> found = version == null ? knowledgeBase.find(id) : knowledgeBase.find(id, version);
        return found.map(ArticleResource::view).orElseThrow(() -> version == null
                ? ProblemException.notFound("Article", id)
                : ProblemException.notFound("Version " + version + " of article", id));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Edit an article, which makes a new version: {title, body, tags?, locale?, status?, note?, baseVersion?}; "
            + "absent tags, locale and status stay as they are; a baseVersion that is no longer current is 409")
    public ArticleView edit(@PathParam("id") UUID id, KnowledgeBase.ArticleEdit request) {
        if (request == null) {
            throw ProblemException.badRequest("The body must be {title, body, tags?, locale?, status?, note?, baseVersion?}");
        }
        return view(knowledgeBase.edit(id, request, caller.getPrincipal().getName()));
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST, Roles.ENGINEER, Roles.API})
    @Operation(summary = "The history of an article, oldest first (without bodies)")
    public List<VersionSummary> versions(@PathParam("id") UUID id) {
        return knowledgeBase.versions(id).orElseThrow(() -> ProblemException.notFound("Article", id)).stream()
                .map(v -> new VersionSummary(v.version, v.title, List.copyOf(v.tags), v.locale, v.status, v.author,
                        v.note, v.createdAt))
                .toList();
    }

    private static ArticleStatus parseStatus(String value) {
        try {
            return ArticleStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            List<String> statuses = Arrays.stream(ArticleStatus.values()).map(ArticleStatus::wireName).toList();
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "Unknown article status " + value)
                    .withErrors(List.of(Problem.FieldError.ofField("status", "must be one of " + statuses))));
        }
    }

    private static ArticleView view(ArticleSnapshot snapshot) {
        var article = snapshot.article();
        ArticleVersion v = snapshot.version();
        return new ArticleView(article.id, article.slug, article.url(), article.currentVersion, article.author,
                article.createdAt, article.updatedAt,
                new VersionView(v.version, v.title, v.body, List.copyOf(v.tags), v.locale, v.status, v.author, v.note,
                        v.createdAt));
    }

    private static ArticleSummary summary(ArticleSnapshot snapshot) {
        var article = snapshot.article();
        ArticleVersion v = snapshot.version();
        return new ArticleSummary(article.id, article.slug, article.url(), v.title, List.copyOf(v.tags), v.locale,
                v.status, article.currentVersion, article.createdAt, article.updatedAt);
    }
}
