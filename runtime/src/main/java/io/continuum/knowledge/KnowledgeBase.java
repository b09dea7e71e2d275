package io.continuum.knowledge;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.platform.AdvisoryLocks;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The help-center articles: create, edit (every edit is a new version), read any version, list.
 * Nothing here deletes anything; an article that no longer applies is archived.
 */
@ApplicationScoped
public class KnowledgeBase {

    private static final String ENTITY = "kb_article";
    private static final int MAX_TITLE = 200;
    private static final int MAX_BODY = 100_000;
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG = 50;
    private static final String DEFAULT_LOCALE = "en";
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})*");

    private final AuditTrail audit;
    private final AdvisoryLocks locks;
    private final EntityManager entityManager;
    private final Clock clock;

    KnowledgeBase(AuditTrail audit, AdvisoryLocks locks, EntityManager entityManager, Clock clock) {
        this.audit = audit;
        this.locks = locks;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A new article; absent locale is en, absent status is draft, absent slug is made from the title. */
    public record NewArticle(String title, String body, List<String> tags, String locale, String status, String slug) {
    }

    /**
     * The next version of an article: title and body as on creation; absent tags, locale or status stay
     * as they are. {@code baseVersion}, when given, must be the current version (else 409: someone else edited).
     */
    public record ArticleEdit(String title, String body, List<String> tags, String locale, String status, String note,
                              Integer baseVersion) {
    }

    /** An article as of one of its versions. */
    public record ArticleSnapshot(Article article, ArticleVersion version) {
    }

    /** Filters of the article list; absent means any. A locale without region also matches its regions. */
    public record ListFilter(Optional<String> tag, Optional<String> locale, Optional<ArticleStatus> status) {
    }

    @Transactional
    public ArticleSnapshot create(NewArticle request, String author) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String title = checkText("title", request.title(), MAX_TITLE, errors);
        String body = checkText("body", request.body(), MAX_BODY, errors);
        List<String> tags = checkTags(request.tags(), errors);
        String locale = checkLocale(Optional.ofNullable(request.locale()).orElse(DEFAULT_LOCALE), errors);
        ArticleStatus status = checkStatus(Optional.ofNullable(request.status()).orElse(ArticleStatus.DRAFT.wireName()), errors);
        Optional<String> slug = Optional.ofNullable(request.slug()).map(value -> checkSlug(value, errors));
        if (status == ArticleStatus.ARCHIVED) {
            errors.add(Problem.FieldError.ofField("status", "a new article is draft or published"));
        }
        throwIfInvalid(errors);

        Instant now = clock.instant();
        Article article = new Article();
        article.id = UUID.randomUUID();
        article.slug = slug.map(this::requireFreeSlug).orElseGet(() -> freeSlug(Slugs.of(title), article.id));
        article.currentVersion = 1;
        article.author = author;
        article.createdAt = now;
        article.updatedAt = now;
        article.persist();
        ArticleVersion version = newVersion(article, 1, title, body, tags, locale, status, null, author, now);
        audit.record(ENTITY, article.id, "created", Actor.human(author), null, Edited.of(article, version));
        return new ArticleSnapshot(article, version);
    }

    @Transactional
    public ArticleSnapshot edit(UUID id, ArticleEdit request, String author) {
        Article article = Article.<Article>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Article", id));
        ArticleVersion current = requireVersion(article, article.currentVersion);
        if (request.baseVersion() != null && request.baseVersion() != article.currentVersion) {
            throw new ProblemException(Problem.of(409, "stale-version", "Conflict",
                            "The article is at version " + article.currentVersion + ", not " + request.baseVersion()
                                    + "; read it again and redo the edit on the current text")
                    .withExtension("currentVersion", article.currentVersion));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String title = checkText("title", request.title(), MAX_TITLE, errors);
        String body = checkText("body", request.body(), MAX_BODY, errors);
        List<String> tags = request.tags() == null ? current.tags : checkTags(request.tags(), errors);
        String locale = request.locale() == null ? current.locale : checkLocale(request.locale(), errors);
        ArticleStatus status = request.status() == null ? current.articleStatus() : checkStatus(request.status(), errors);
        throwIfInvalid(errors);
        ArticleStatus from = current.articleStatus();
        if (!from.canMoveTo(status)) {
            throw new ProblemException(Problem.of(409, "illegal-transition", "Conflict",
                            "An article cannot go from " + from.wireName() + " to " + status.wireName())
                    .withExtension("status", from.wireName())
                    .withExtension("allowed", from.allowedNext().stream().map(ArticleStatus::wireName).sorted().toList()));
        }

        Instant now = clock.instant();
        Edited before = Edited.of(article, current);
        article.currentVersion = current.version + 1;
        article.updatedAt = now;
        ArticleVersion version = newVersion(article, article.currentVersion, title, body, tags, locale, status,
                blankToNull(request.note()), author, now);
        audit.record(ENTITY, article.id, "edited", Actor.human(author), before, Edited.of(article, version));
        return new ArticleSnapshot(article, version);
    }

    public Optional<ArticleSnapshot> find(UUID id) {
        return Article.<Article>findByIdOptional(id)
                .map(article -> new ArticleSnapshot(article, requireVersion(article, article.currentVersion)));
    }

    /** The article as of an older (or the current) version; empty when either does not exist. */
    public Optional<ArticleSnapshot> find(UUID id, int version) {
        return Article.<Article>findByIdOptional(id).flatMap(article ->
                ArticleVersion.<ArticleVersion>findByIdOptional(new ArticleVersion.Key(id, version))
                        .map(found -> new ArticleSnapshot(article, found)));
    }

    public Optional<Article> findBySlug(String slug) {
        return Article.find("slug", slug).firstResultOptional();
    }

    /** Every version of an article, oldest first; empty when the article does not exist. */
    public Optional<List<ArticleVersion>> versions(UUID id) {
        return Article.<Article>findByIdOptional(id)
                .map(article -> ArticleVersion.list("articleId = ?1 order by version", id));
    }

    /** Articles as of their current version, newest first; the cursor is the last article of the previous page. */
    @SuppressWarnings("unchecked")
    public List<ArticleSnapshot> list(ListFilter filter, Optional<UUID> after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT v.* FROM kb_article a
                JOIN kb_article_version v ON v.article_id = a.id AND v.version = a.current_version
                WHERE true""");
        Parameters parameters = new Parameters();
        filter.tag().ifPresent(tag -> {
            sql.append(" AND :tag = ANY (v.tags)");
            parameters.and("tag", normalizeTag(tag));
        });
        filter.locale().ifPresent(locale -> {
            sql.append(" AND (v.locale = :locale OR v.locale LIKE :localeRegions)");
            parameters.and("locale", normalizeLocale(locale));
            parameters.and("localeRegions", normalizeLocale(locale) + "-%");
        });
        filter.status().ifPresent(status -> {
            sql.append(" AND v.status = :status");
            parameters.and("status", status.wireName());
        });
        after.flatMap(cursor -> Article.<Article>findByIdOptional(cursor)).ifPresent(cursor -> {
            sql.append(" AND (a.created_at, a.id) < (:cursorCreated, :cursorId)");
            parameters.and("cursorCreated", cursor.createdAt);
            parameters.and("cursorId", cursor.id);
        });
        sql.append(" ORDER BY a.created_at DESC, a.id DESC LIMIT :limit");
        parameters.and("limit", limit);
        var query = entityManager.createNativeQuery(sql.toString(), ArticleVersion.class);
        parameters.map().forEach(query::setParameter);
        List<ArticleVersion> versions = query.getResultList();
        Map<UUID, Article> articles = versions.isEmpty() ? Map.of()
                : Article.<Article>list("id in ?1", versions.stream().map(v -> v.articleId).toList()).stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        return versions.stream().map(v -> new ArticleSnapshot(articles.get(v.articleId), v)).toList();
    }

    private static ArticleVersion newVersion(Article article, int number, String title, String body, List<String> tags,
                                             String locale, ArticleStatus status, String note, String author,
                                             Instant now) {
        ArticleVersion version = new ArticleVersion();
        version.articleId = article.id;
        version.version = number;
        version.title = title.strip();
        version.body = body;
        version.tags = new ArrayList<>(tags);
        version.locale = locale;
        version.status = status.wireName();
        version.note = note;
        version.author = author;
        version.createdAt = now;
        version.persist();
        return version;
    }

    private static ArticleVersion requireVersion(Article article, int version) {
        return ArticleVersion.<ArticleVersion>findByIdOptional(new ArticleVersion.Key(article.id, version))
                .orElseThrow(() -> ProblemException.notFound("Version " + version + " of article", article.id));
    }

    private String requireFreeSlug(String slug) {
        locks.lock("kb-slug:" + slug);
        if (findBySlug(slug).isPresent()) {
            throw ProblemException.conflict("slug-taken", "Another article already has the slug " + slug);
        }
        return slug;
    }

    /** The slug itself, or with -2, -3, … appended when taken; a title with no Latin letters gets one from the id. */
    private String freeSlug(String base, UUID id) {
        String stem = base.isEmpty() ? "article-" + id.toString().substring(0, 8) : base;
        locks.lock("kb-slug:" + stem);
        String candidate = stem;
        for (int n = 2; findBySlug(candidate).isPresent(); n++) {
            candidate = stem + "-" + n;
        }
        return candidate;
    }

    private static String checkText(String field, String value, int max, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(Problem.FieldError.ofField(field, "must not be blank"));
            return null;
        }
        if (value.length() > max) {
            errors.add(Problem.FieldError.ofField(field, "must have at most " + max + " characters"));
        }
        return value;
    }

    private static List<String> checkTags(List<String> tags, List<Problem.FieldError> errors) {
        if (tags == null) {
            return List.of();
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank() || tag.length() > MAX_TAG) {
                errors.add(Problem.FieldError.ofField("tags", "each tag has 1 to " + MAX_TAG + " characters"));
                return List.of();
            }
            normalized.add(normalizeTag(tag));
        }
        if (normalized.size() > MAX_TAGS) {
            errors.add(Problem.FieldError.ofField("tags", "at most " + MAX_TAGS + " tags"));
        }
        return List.copyOf(normalized);
    }

    private static String checkLocale(String locale, List<Problem.FieldError> errors) {
        String normalized = normalizeLocale(locale);
        if (!LOCALE.matcher(normalized).matches()) {
            errors.add(Problem.FieldError.ofField("locale", "must be a language tag such as en, es or pt-BR"));
        }
        return normalized;
    }

    private static ArticleStatus checkStatus(String status, List<Problem.FieldError> errors) {
        try {
            return ArticleStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            errors.add(Problem.FieldError.ofField("status", "must be one of "
                    + Arrays.stream(ArticleStatus.values()).map(ArticleStatus::wireName).toList()));
            return ArticleStatus.DRAFT;
        }
    }

    private static String checkSlug(String slug, List<Problem.FieldError> errors) {
        if (!Slugs.isValid(slug)) {
            errors.add(Problem.FieldError.ofField("slug", "lower-case letters and digits separated by single hyphens"));
        }
        return slug;
    }

    private static void throwIfInvalid(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The article has invalid fields")
                    .withErrors(errors));
        }
    }

    static String normalizeTag(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }

    /** en_US, EN-us → en-us: one spelling, so filters and search compare equal strings. */
    static String normalizeLocale(String locale) {
        return locale.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What the audit log shows of an article before and after an edit. */
    private record Edited(String slug, int version, String title, String status, String locale, List<String> tags) {

        static Edited of(Article article, ArticleVersion version) {
            return new Edited(article.slug, version.version, version.title, version.status, version.locale, version.tags);
        }
    }
}
