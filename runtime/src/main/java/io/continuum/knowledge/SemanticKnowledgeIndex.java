package io.continuum.knowledge;

import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Semantic search over the current version of published articles: finds "I forgot my login" in
 * "Reset your password" although they share no word. Each article version is cut into passages
 * (the title with its tags, then the body's paragraphs, at most {@value #MAX_PASSAGES}), each
 * passage embedded once (all-MiniLM-L6-v2) and stored in {@code kb_article_embedding}; an article
 * scores by the cosine similarity of its best passage to the text.
 *
 * <p>The passages of the current versions are held in memory (a knowledge base is thousands of
 * articles, not millions). Before each search one cheap query compares the articles' count and
 * newest change with what the memory holds, so an edit made on any node is searchable on every
 * node at its next search; versions without embeddings yet are embedded then.
 */
@ApplicationScoped
public class SemanticKnowledgeIndex {

    static final int MAX_PASSAGES = 12;
    /** Paragraphs are merged up to this length: long enough to carry a step, short enough to stay on topic. */
    static final int PASSAGE_CHARS = 600;

    private final EntityManager entityManager;
    private final SentenceEmbeddings embeddings;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);

    SemanticKnowledgeIndex(EntityManager entityManager, SentenceEmbeddings embeddings) {
        this.entityManager = entityManager;
        this.embeddings = embeddings;
    }

    /** An article and how close its best passage is to the text (cosine similarity, -1..1). */
    public record SemanticMatch(UUID articleId, String title, String slug, String locale, double similarity,
                                String passage) {
    }

    /**
     * The published articles closest in meaning to a text, best first.
     *
     * @param language a language code (en, es) to keep to, or empty for every language
     */
    public List<SemanticMatch> closest(String text, Optional<String> language, int limit) {
        Snapshot current = upToDate();
        if (current.passages.isEmpty() || text == null || text.isBlank()) {
            return List.of();
        }
        float[] query = embeddings.embed(text);
        Map<UUID, SemanticMatch> best = new HashMap<>();
        for (Passage passage : current.passages) {
            if (language.isPresent() && !passage.locale.split("-")[0].equals(language.get())) {
                continue;
            }
            double similarity = SentenceEmbeddings.dot(query, passage.vector);
            SemanticMatch known = best.get(passage.articleId);
            if (known == null || similarity > known.similarity()) {
                best.put(passage.articleId, new SemanticMatch(passage.articleId, passage.title, passage.slug,
                        passage.locale, similarity, passage.text));
            }
        }
        return best.values().stream().sorted(Comparator.comparingDouble(SemanticMatch::similarity).reversed()
                .thenComparing(SemanticMatch::articleId)).limit(limit).toList();
    }

    private Snapshot upToDate() {
        Snapshot current = snapshot.get();
        Fingerprint now = QuarkusTransaction.requiringNew().call(this::fingerprint);
        if (now.equals(current.fingerprint)) {
            return current;
        }
        synchronized (this) {
            current = snapshot.get();
            if (!now.equals(current.fingerprint)) {
                embedMissingPassages();
                current = new Snapshot(now, QuarkusTransaction.requiringNew().call(this::loadPassages));
                snapshot.set(current);
            }
            return current;
        }
    }

    private record Fingerprint(long articles, Instant newestChange) {
    }

    private Fingerprint fingerprint() {
        Object[] row = (Object[]) entityManager
                .createNativeQuery("SELECT count(*), max(updated_at) FROM kb_article").getSingleResult();
        return new Fingerprint(((Number) row[0]).longValue(), (Instant) row[1]);
    }

    private record Passage(UUID articleId, String title, String slug, String locale, String text, float[] vector) {
    }

    private record Snapshot(Fingerprint fingerprint, List<Passage> passages) {
        static final Snapshot EMPTY = new Snapshot(null, List.of());
    }

    @SuppressWarnings("unchecked")
    private List<Passage> loadPassages() {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT a.id, v.title, a.slug, v.locale, e.text, e.vector
                  FROM kb_article a
                  JOIN kb_article_version v ON v.article_id = a.id AND v.version = a.current_version
                  JOIN kb_article_embedding e ON e.article_id = v.article_id AND e.version = v.version
                 WHERE v.status = 'published'
                 ORDER BY a.id, e.passage
                """).getResultList();
        List<Passage> passages = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            passages.add(new Passage((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    SentenceEmbeddings.fromBytes((byte[]) row[5])));
        }
        return passages;
    }

    /** Embeds the current published versions that have no passages yet; two nodes doing it at once is harmless. */
    @SuppressWarnings("unchecked")
    private void embedMissingPassages() {
        List<Object[]> missing = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT v.article_id, v.version, v.title, v.tags, v.body
                  FROM kb_article a
                  JOIN kb_article_version v ON v.article_id = a.id AND v.version = a.current_version
                 WHERE v.status = 'published'
                   AND NOT EXISTS (SELECT 1 FROM kb_article_embedding e
                                    WHERE e.article_id = v.article_id AND e.version = v.version)
                """).getResultList());
        for (Object[] row : missing) {
            List<String> passages = passages((String) row[2], tags(row[3]), (String) row[4]);
            List<float[]> vectors = embeddings.embedAll(passages);
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < passages.size(); i++) {
                    entityManager.createNativeQuery("""
                                    INSERT INTO kb_article_embedding (article_id, version, passage, text, vector)
                                    VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING
                                    """)
                            .setParameter(1, row[0]).setParameter(2, row[1]).setParameter(3, i)
                            .setParameter(4, passages.get(i)).setParameter(5, SentenceEmbeddings.toBytes(vectors.get(i)))
                            .executeUpdate();
                }
            });
        }
    }

    private static List<String> tags(Object value) {
        if (value instanceof String[] array) {
            return List.of(array);
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /**
     * The title with the tags, then the body's paragraphs (Markdown markup removed) merged up to
     * {@value #PASSAGE_CHARS} characters each.
     */
    static List<String> passages(String title, List<String> tags, String body) {
        List<String> passages = new ArrayList<>();
        passages.add(tags.isEmpty() ? title : title + " (" + String.join(", ", tags) + ")");
        StringBuilder passage = new StringBuilder();
        for (String paragraph : body.split("\\n\\s*\\n")) {
            String plain = paragraph.replaceAll("[*_`#>]+", "").replaceAll("\\s+", " ").strip();
            if (plain.isEmpty()) {
                continue;
            }
            if (passage.length() > 0 && passage.length() + plain.length() > PASSAGE_CHARS) {
                passages.add(passage.toString());
                passage.setLength(0);
            }
            passage.append(passage.length() > 0 ? " " : "").append(plain);
        }
        if (passage.length() > 0) {
            passages.add(passage.toString());
        }
        return passages.size() > MAX_PASSAGES ? passages.subList(0, MAX_PASSAGES) : passages;
    }
}
