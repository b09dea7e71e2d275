package io.continuum.conversation;

import io.continuum.platform.NativeStatements;
import io.continuum.privacy.BlindIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The search index of messages and internal notes, whose text is stored sealed: each one's distinct normalised words
 * ({@link #words}) as keyed blind indexes, written with the message or note. A search finds the messages holding every
 * word of the query; the phrase itself is checked on the opened text by the caller. The index tells which
 * messages share a word, not the word, and only to someone holding the blind-index key.
 */
@ApplicationScoped
public class SearchTerms {

    private static final String KIND = "search-term";
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Longer runs are ids or noise, not words anyone types into a search box. */
    static final int MAX_WORD = 40;

    private final BlindIndex blindIndex;
    private final EntityManager entityManager;

    SearchTerms(BlindIndex blindIndex, EntityManager entityManager) {
        this.blindIndex = blindIndex;
        this.entityManager = entityManager;
    }

    /** Lower case, accents removed, split on anything but letters and digits, one-letter words dropped; in order. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(NOT_WORD.split(fold(text))).filter(word -> word.length() > 1 && word.length() <= MAX_WORD).toList();
    }

    /** Lower case, accents removed: how words are compared. */
    public static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void index(Message message) {
        insert("message_search_term", "message_id", "message", terms(words(message.content)), message.id, message.conversationId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void index(ConversationNote note) {
        insert("note_search_term", "note_id", "conversation_note", terms(words(note.content)), note.id, note.conversationId);
    }

    /**
     * One statement for all the words: a statement per word made Hibernate flush the session and schedule a
     * cache clean-up for each, a tenth of the platform's CPU under load. Terms are hexadecimal, so a comma
     * separates them safely. The indexed row's table is named too: its row may still wait in the session, and the
     * terms' foreign key needs it written first.
     */
    private void insert(String table, String ownerColumn, String ownerTable, Set<String> terms, UUID ownerId,
                        UUID conversationId) {
        if (terms.isEmpty()) {
            return;
        }
        NativeStatements.touching(entityManager, """
                        INSERT INTO %s (term, %s, conversation_id)
                        SELECT unnest(string_to_array(?1, ',')), ?2, ?3
                        ON CONFLICT DO NOTHING""".formatted(table, ownerColumn), table, ownerTable)
                .setParameter(1, String.join(",", terms)).setParameter(2, ownerId).setParameter(3, conversationId)
                .executeUpdate();
    }

    /** The indexes of the words, as stored. */
    public Set<String> terms(Collection<String> words) {
        Set<String> terms = new LinkedHashSet<>();
        words.forEach(word -> terms.add(term(word)));
        return terms;
    }

    private String term(String word) {
        return blindIndex.of(KIND, "", word);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void forget(List<UUID> conversationIds) {
        UUID[] conversations = conversationIds.toArray(UUID[]::new);
        entityManager.createNativeQuery("DELETE FROM message_search_term WHERE conversation_id = ANY(?1)")
                .setParameter(1, conversations).executeUpdate();
        entityManager.createNativeQuery("DELETE FROM note_search_term WHERE conversation_id = ANY(?1)")
                .setParameter(1, conversations).executeUpdate();
    }
}
