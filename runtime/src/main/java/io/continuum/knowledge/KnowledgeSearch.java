package io.continuum.knowledge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full-text search over the current version of published articles, in PostgreSQL: each version
 * is indexed (GIN) as a tsvector with the title weighted A, tags B and body C, in the text search
 * configuration of its locale (english, spanish, …; 'simple' where PostgreSQL has none).
 *
 * <h2>Score</h2>
 * Every match carries a score in [0, 1] that the first-contact AI can use as a confidence:
 * <pre>
 *   score = min(1, ts_rank(article, any word of the query) / ts_rank(ideal article, any word of the query))
 * </pre>
 * where the ideal article is one whose title is exactly the query's words. With the weights used
 * (title 1.0, tags 0.4, body 0.2) this is, roughly, the average over the query's words (after
 * stemming and stop words) of where the article has each: in the title 1.0, only in the tags 0.4,
 * only in the body 0.2, nowhere 0; further occurrences add a little, and the cap is 1. So
 * "how do I export my invoices as CSV" against "Export your invoices as a CSV file" scores 1.0,
 * and a word that only appears in the body of an article scores 0.2.
 * Results are ordered by the same measure.
 *
 * <h2>By meaning</h2>
 * {@link #semantic} finds articles by meaning ({@link SemanticKnowledgeIndex}) and {@link #hybrid}
 * combines both: what the first-contact AI uses, since customers rarely use an article's words.
 */
@ApplicationScoped
public class KnowledgeSearch {

    public static final int MAX_LIMIT = 50;
    /** Longer texts (a long e-mail) are cut to their first distinct words. */
    private static final int MAX_WORDS = 64;
    /** Cosine similarities that {@link #semanticScore} maps to 0 and to 1. */
    private static final double UNRELATED = 0.35;
    private static final double SAME_MEANING = 0.85;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /**
     * The ranking query. {@code :match} selects articles (websearch_to_tsquery syntax), {@code :anyWord}
     * is the query's words joined by "or" (what the score measures), {@code :words} the same words
     * as plain text (the ideal article's title). ts_rank weights are {D, C, B, A}: D is unused,
     * C body 0.2, B tags 0.4, A title 1.0. Snippets are computed for the returned rows only, from the
     * body without Markdown markup, on one line, with the matched words in **bold**.
     */
    private static final String RANKING = """
            WITH query AS (
                SELECT config,
                       websearch_to_tsquery(config, :match) AS matching,
                       websearch_to_tsquery(config, :anyWord) AS any_word,
                       setweight(to_tsvector(config, :words), 'A') AS ideal
                  FROM (SELECT DISTINCT v.search_config AS config
                          FROM kb_article a
                          JOIN kb_article_version v ON v.article_id = a.id AND v.version = a.current_version
                         WHERE v.status = 'published' %1$s) AS configs
            ), ranked AS (
                SELECT a.id, v.title, a.slug, v.locale, v.body, q.config, q.any_word,
                       ts_rank('{0.1, 0.2, 0.4, 1.0}', v.search_vector, q.any_word) AS rank,
                       ts_rank('{0.1, 0.2, 0.4, 1.0}', q.ideal, q.any_word) AS ideal_rank
                  FROM query q
                  JOIN kb_article_version v ON v.search_config = q.config AND v.search_vector @@ q.matching
                  JOIN kb_article a ON a.id = v.article_id AND a.current_version = v.version
                 WHERE numnode(q.matching) > 0 AND v.status = 'published' %1$s
                 ORDER BY rank DESC, a.id
                 LIMIT :limit
            )
            SELECT id, title, slug, locale,
                   least(1.0, rank / nullif(ideal_rank, 0))::float8 AS score,
                   ts_headline(config, regexp_replace(regexp_replace(body, '[*_`#>]+', '', 'g'), '\\s+', ' ', 'g'), any_word,
                               'MaxFragments=2, MinWords=8, MaxWords=25, FragmentDelimiter=" … ", StartSel=**, StopSel=**') AS snippet
              FROM ranked
             ORDER BY rank DESC, id
            """;
    private static final String SAME_LANGUAGE = "AND split_part(v.locale, '-', 1) = :language";

    private final EntityManager entityManager;
    private final SemanticKnowledgeIndex semanticIndex;

    KnowledgeSearch(EntityManager entityManager, SemanticKnowledgeIndex semanticIndex) {
        this.entityManager = entityManager;
        this.semanticIndex = semanticIndex;
    }

    /** One ranked article; {@code url} is its public help-center path. */
    public record KnowledgeMatch(UUID id, String title, String slug, String url, double score, String snippet,
                                 String locale) {
    }

    /**
     * Search-box semantics (PostgreSQL's websearch_to_tsquery): every word must match (after stemming),
     * "quoted phrases" match as phrases, -word excludes, "or" between words accepts either.
     *
     * @param locale when present, only articles in its language (es-MX finds es and es-ES articles)
     */
    @Transactional
    public List<KnowledgeMatch> search(String query, Optional<String> locale, int limit) {
        List<String> words = words(query, true);
        return words.isEmpty() ? List.of() : rank(query, words, locale, limit);
    }

    /**
     * For the first-contact AI: the published articles that best answer a customer's text, by words
     * and by meaning ({@link #hybrid}). Unlike {@link #search}, an article matching any of the text's
     * words is a candidate (a customer's message is not a search query); the score says how well it
     * matches, so the AI can treat it as its confidence and decline below its threshold.
     *
     * @param locale the customer's language (en, es-MX, …); null searches every language
     */
    @Transactional
    public List<KnowledgeMatch> bestMatches(String text, String locale, int limit) {
        return hybrid(text, Optional.ofNullable(locale), limit, false);
    }

    /**
     * The full-text half of {@link #bestMatches}: every article with any of the text's words, scored by how
     * much of the text it covers (see the class comment).
     */
    List<KnowledgeMatch> byWords(String text, Optional<String> locale, int limit) {
        List<String> words = words(text, false);
        return words.isEmpty() ? List.of() : rank(String.join(" or ", words), words, locale, limit);
    }

    /**
     * Articles close in meaning to the text, whatever words they use ({@link SemanticKnowledgeIndex});
     * the score is {@link #semanticScore} of the best passage's similarity, the snippet that passage.
     */
    public List<KnowledgeMatch> semantic(String text, Optional<String> locale, int limit) {
        return semanticIndex.closest(text, language(locale), clamp(limit)).stream()
                .map(match -> new KnowledgeMatch(match.articleId(), match.title(), match.slug(),
                        Article.PUBLIC_PATH + match.slug(), semanticScore(match.similarity()),
                        shorten(match.passage()), match.locale()))
                .filter(match -> match.score() > 0)
                .toList();
    }

    /**
     * Words and meaning together: the union of the full-text and the semantic matches, each article
     * scored by the better of its two scores (both in [0, 1]), with the full-text snippet when there is
     * one. Equal scores are ordered by the sum of both, so an article that has the text's words and its
     * meaning comes before one that only means much the same.
     *
     * @param searchSyntax whether the text is a search-box query ({@link #search}) or a customer's text
     *                     (any word may match, as in {@link #bestMatches})
     */
    @Transactional
    public List<KnowledgeMatch> hybrid(String text, Optional<String> locale, int limit, boolean searchSyntax) {
        record Scores(KnowledgeMatch match, double byWords, double byMeaning) {
            double best() {
                return Math.max(byWords, byMeaning);
            }

            double both() {
                return byWords + byMeaning;
            }
        }
        Map<UUID, Scores> scores = new LinkedHashMap<>();
        for (KnowledgeMatch match : searchSyntax ? search(text, locale, limit) : byWords(text, locale, limit)) {
            scores.put(match.id(), new Scores(match, match.score(), 0));
        }
        for (KnowledgeMatch match : semantic(text, locale, limit)) {
            scores.merge(match.id(), new Scores(match, 0, match.score()),
                    (byWords, byMeaning) -> new Scores(byWords.match(), byWords.byWords(), byMeaning.byMeaning()));
        }
        return scores.values().stream()
                .sorted(Comparator.comparingDouble(Scores::best).thenComparingDouble(Scores::both).reversed()
                        .thenComparing(scored -> scored.match().id()))
                .limit(clamp(limit))
                .map(scored -> new KnowledgeMatch(scored.match().id(), scored.match().title(), scored.match().slug(),
                        scored.match().url(), scored.best(), scored.match().snippet(), scored.match().locale()))
                .toList();
    }

    /**
     * A cosine similarity of all-MiniLM-L6-v2 as a score comparable with the full-text one: 0 up to
     * {@value #UNRELATED} (texts on other subjects land below it), rising linearly to 1 at
     * {@value #SAME_MEANING} (paraphrases land above it). So the first-contact AI's thresholds read
     * the same for both: an answer needs a similarity of 0.6 or more, a clarifying question 0.45.
     */
    static double semanticScore(double similarity) {
        return Math.max(0, Math.min(1, (similarity - UNRELATED) / (SAME_MEANING - UNRELATED)));
    }

    private static String shorten(String passage) {
        return passage.length() <= 200 ? passage : passage.substring(0, passage.lastIndexOf(' ', 197)) + " …";
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, MAX_LIMIT));
    }

    private static Optional<String> language(Optional<String> locale) {
        return locale.filter(value -> !value.isBlank()).map(value -> KnowledgeBase.normalizeLocale(value).split("-")[0]);
    }

    @SuppressWarnings("unchecked")
    private List<KnowledgeMatch> rank(String match, List<String> words, Optional<String> locale, int limit) {
        Optional<String> language = language(locale);
        NativeQuery<Object[]> query = entityManager
                .createNativeQuery(RANKING.formatted(language.isPresent() ? SAME_LANGUAGE : ""))
                .unwrap(NativeQuery.class)
                .addScalar("id", UUID.class)
                .addScalar("title", String.class)
                .addScalar("slug", String.class)
                .addScalar("locale", String.class)
                .addScalar("score", Double.class)
                .addScalar("snippet", String.class);
        query.setParameter("match", match);
        query.setParameter("anyWord", String.join(" or ", words));
        query.setParameter("words", String.join(" ", words));
        query.setParameter("limit", clamp(limit));
        language.ifPresent(value -> query.setParameter("language", value));
        List<KnowledgeMatch> matches = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            String slug = (String) row[2];
            matches.add(new KnowledgeMatch((UUID) row[0], (String) row[1], slug, Article.PUBLIC_PATH + slug,
                    (Double) row[4], (String) row[5], (String) row[3]));
        }
        return matches;
    }

    /**
     * The distinct words of a text, in order, at most {@link #MAX_WORDS}. "or" is dropped (it is the
     * operator that joins them); with {@code searchSyntax}, words a query excludes (-word) are dropped too.
     */
    static List<String> words(String text, boolean searchSyntax) {
        if (text == null) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        for (String token : text.split("\\s+")) {
            if (searchSyntax && token.startsWith("-")) {
                continue;
            }
            Matcher word = WORD.matcher(token);
            while (word.find() && words.size() < MAX_WORDS) {
                String lower = word.group().toLowerCase(Locale.ROOT);
                if (!lower.equals("or")) {
                    words.add(lower);
                }
            }
        }
        return List.copyOf(words);
    }
}
