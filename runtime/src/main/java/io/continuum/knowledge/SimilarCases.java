package io.continuum.knowledge;

import io.continuum.conversation.Conversations;
import io.continuum.platform.AfterTransaction;
import io.continuum.platform.NativeStatements;
import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Similar-case lookup: earlier conversations whose first customer message means much the same as
 * a text, with how each ended (state, the reason given when it was resolved, its Resolution).
 * The first message of every triaged conversation is embedded once and stored in
 * {@code case_embedding}; the newest {@value #MAX_CASES} are held in memory ({@link CaseVectors}) and compared by
 * cosine similarity, so a lookup costs one embedding and one scan of memory, and only the
 * closest few cases are read from the database. A case this node remembers is in memory once its transaction
 * commits; cases remembered on another node arrive within a second (a lookup asks for rows newer than the newest in
 * memory at most once a second: under load every triage looks, and each look is a query of its own).
 */
@ApplicationScoped
public class SimilarCases {

    static final int MAX_CASES = 100_000;
    private static final int PAGE = 10_000;
    private static final Duration LATE_COMMIT = Duration.ofSeconds(30);
    /** Below this similarity a case is about something else (all-MiniLM-L6-v2: paraphrases are above 0.7). */
    public static final double MIN_SIMILARITY = 0.5;

    private static final long CATCH_UP_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final EntityManager entityManager;
    private final SentenceEmbeddings embeddings;
    private final Conversations conversations;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final CaseVectors cases = new CaseVectors(SentenceEmbeddings.DIMENSIONS, MAX_CASES);
    /** Guarded by {@code this}, as the catch-up is. */
    private Instant newestCreatedAt = Instant.EPOCH;
    /** When the next lookup catches up (System.nanoTime); written under {@code this}; the first lookup does. */
    private volatile long nextCatchUpNanos = System.nanoTime();

    SimilarCases(EntityManager entityManager, SentenceEmbeddings embeddings, Conversations conversations,
                 TransactionSynchronizationRegistry transactions, Clock clock) {
        this.entityManager = entityManager;
        this.embeddings = embeddings;
        this.conversations = conversations;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A similar earlier conversation and how it ended; {@code resolvedReason} is what the person who resolved it wrote. */
    public record SimilarCase(UUID conversationId, double similarity, String intent, String state, Instant createdAt,
                              Instant resolvedAt, String resolvedReason, UUID resolutionId) {

        public boolean resolved() {
            return resolvedAt != null;
        }
    }

    /**
     * Remembers the first customer message of a conversation by its embedding ({@link SentenceEmbeddings}), in the
     * caller's transaction; once per conversation.
     */
    @Transactional
    public void remember(UUID conversationId, String intent, float[] firstMessage) {
        NativeStatements.touching(entityManager, """
                        INSERT INTO case_embedding (conversation_id, intent, vector, created_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (conversation_id) DO NOTHING
                        """, "case_embedding", "conversation")
                .setParameter(1, conversationId).setParameter(2, intent)
                .setParameter(3, SentenceEmbeddings.toBytes(firstMessage)).setParameter(4, clock.instant())
                .executeUpdate();
        AfterTransaction.onCommit(transactions, () -> cases.add(conversationId, firstMessage));
    }

    /**
     * Forgets conversations (their customer was erased): their embeddings are derived from the customer's
     * words. Other nodes drop them from memory at their next start.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(List<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("DELETE FROM case_embedding WHERE conversation_id = ANY(?1)")
                .setParameter(1, conversationIds.toArray(UUID[]::new)).executeUpdate();
        cases.removeAll(new HashSet<>(conversationIds));
    }

    /** The cases closest in meaning to a text, best first, at least {@link #MIN_SIMILARITY} similar. */
    public List<SimilarCase> similarTo(String text, int limit) {
        return similarTo(embeddings.embed(text), Optional.empty(), limit, MIN_SIMILARITY);
    }

    /** The cases closest to a conversation's first message, itself excluded; empty if it was never triaged. */
    public List<SimilarCase> similarToConversation(UUID conversationId, int limit) {
        conversations.require(conversationId);
        return vectorOf(conversationId).map(vector -> similarTo(vector, Optional.of(conversationId), limit, MIN_SIMILARITY))
                .orElse(List.of());
    }

    /**
     * @param vector        an embedding of {@link SentenceEmbeddings}
     * @param minSimilarity at least {@link #MIN_SIMILARITY}: below it a case is about something else; a caller asking
     *                      more is answered faster (the scan skips more cases, fewer are read)
     */
    public List<SimilarCase> similarTo(float[] vector, Optional<UUID> excluding, int limit, double minSimilarity) {
        catchUpWhenDue();
        List<CaseVectors.Scored> best = cases.closest(vector, Math.max(minSimilarity, MIN_SIMILARITY), excluding, limit);
        if (best.isEmpty()) {
            return List.of();
        }
        Map<UUID, Conversations.Outcome> outcomes = QuarkusTransaction.joiningExisting().call(() ->
                conversations.outcomesOf(best.stream().map(CaseVectors.Scored::conversationId).toList()));
        return best.stream().filter(scored -> outcomes.containsKey(scored.conversationId()))
                .map(scored -> similarCase(outcomes.get(scored.conversationId()), scored.similarity())).toList();
    }

    private static SimilarCase similarCase(Conversations.Outcome outcome, double similarity) {
        return new SimilarCase(outcome.conversationId(), round(similarity), outcome.intent(), outcome.state(),
                outcome.createdAt(), outcome.resolvedAt(), outcome.resolvedReason(), outcome.resolutionId());
    }

    private Optional<float[]> vectorOf(UUID conversationId) {
        return QuarkusTransaction.joiningExisting().call(() -> entityManager
                .createNativeQuery("SELECT vector FROM case_embedding WHERE conversation_id = ?1")
                .setParameter(1, conversationId).getResultStream().findFirst()
                .map(bytes -> SentenceEmbeddings.fromBytes((byte[]) bytes)));
    }

    /** At most once a second: under load every triage looks up, and a catch-up is a query of its own. */
    private void catchUpWhenDue() {
        if (System.nanoTime() - nextCatchUpNanos < 0) {
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - nextCatchUpNanos < 0) {
                return;
            }
            catchUp();
            nextCatchUpNanos = now + CATCH_UP_INTERVAL_NANOS;
        }
    }

    /**
     * Adds the cases stored since the newest in memory, by this node or another, dropping the oldest
     * beyond the cap. It looks {@link #LATE_COMMIT} further back, since a transaction that took its
     * timestamp earlier may commit later; of that window it reads only the ids, and the vectors of the
     * cases not in memory yet (under load the window holds thousands of cases, and every triage looks).
     */
    @SuppressWarnings("unchecked")
    private void catchUp() {
        Instant from = newestCreatedAt.minus(LATE_COMMIT);
        while (true) {
            Instant since = from;
            record Page(List<Object[]> stored, Map<UUID, float[]> vectors) {
            }
            Page page = QuarkusTransaction.requiringNew().call(() -> {
                List<Object[]> rows = entityManager.createNativeQuery("""
                                SELECT conversation_id, created_at FROM case_embedding
                                 WHERE created_at >= ?1 ORDER BY created_at, conversation_id LIMIT ?2
                                """)
                        .setParameter(1, since).setParameter(2, PAGE).getResultList();
                return new Page(rows, vectorsOf(rows.stream().map(row -> (UUID) row[0]).filter(id -> !cases.contains(id)).toList()));
            });
            List<Object[]> stored = page.stored();
            Map<UUID, float[]> vectors = page.vectors();
            for (Object[] row : stored) {
                UUID conversationId = (UUID) row[0];
                Instant createdAt = (Instant) row[1];
                float[] vector = vectors.get(conversationId);
                if (vector != null) {
                    cases.add(conversationId, vector);
                }
                newestCreatedAt = createdAt.isAfter(newestCreatedAt) ? createdAt : newestCreatedAt;
                from = createdAt;
            }
            if (stored.size() < PAGE) {
                return;
            }
        }
    }

    /** The stored vectors of these cases, in the caller's transaction; a case erased meanwhile is absent. */
    @SuppressWarnings("unchecked")
    private Map<UUID, float[]> vectorsOf(List<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT conversation_id, vector FROM case_embedding WHERE conversation_id = ANY(?1)")
                .setParameter(1, conversationIds.toArray(UUID[]::new)).getResultList();
        Map<UUID, float[]> vectors = new HashMap<>();
        rows.forEach(row -> vectors.put((UUID) row[0], SentenceEmbeddings.fromBytes((byte[]) row[1])));
        return vectors;
    }

    private static double round(double similarity) {
        return Math.round(similarity * 1000) / 1000.0;
    }
}
