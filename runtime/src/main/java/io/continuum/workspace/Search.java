package io.continuum.workspace;

import io.continuum.conversation.SearchTerms;
import io.continuum.privacy.PersonalData;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Searches what customers and agents wrote. The text is sealed, so the database finds candidates through the
 * words' blind indexes ({@link SearchTerms}: messages holding every word of the query) and the matches are
 * highlighted on the opened text here. Erased customers' and redacted conversations' messages are never found.
 */
@ApplicationScoped
public class Search {

    static final int SNIPPET = 200;
    static final int MAX_WORDS = 12;

    private final DataSource dataSource;
    private final SearchTerms searchTerms;
    private final PersonalData personalData;

    Search(DataSource dataSource, SearchTerms searchTerms, PersonalData personalData) {
        this.dataSource = dataSource;
        this.searchTerms = searchTerms;
        this.personalData = personalData;
    }

    /** Filters besides the words; null means any. {@code from}/{@code to} bound when the message was received. */
    public record Filter(String channel, String state, Instant from, Instant to) {
    }

    /** A highlighted stretch of the snippet, [start, end) in characters. */
    public record Highlight(int start, int end) {
    }

    /** @param phrase the query's words appear together, in order (ranked first) */
    public record Hit(UUID messageId, UUID conversationId, String customerName, String channel, String direction,
                      String state, Instant receivedAt, String snippet, List<Highlight> highlights, boolean phrase) {
    }

    /** A message holding every word, its text and its customer's name opened. */
    private record Candidate(UUID messageId, UUID conversationId, String channel, String direction, Instant receivedAt,
                             String text, String customerName, String state) {
    }

    /** Messages holding every word of the query, the exact phrase first, then the latest. */
    public List<Hit> messages(String query, Filter filter, int limit) {
        List<String> phrase = SearchTerms.words(query);
        List<String> words = phrase.stream().distinct().toList();
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            throw ProblemException.badRequest("A search needs 1 to " + MAX_WORDS + " words of two letters or more");
        }
        List<Hit> hits = new ArrayList<>();
        for (Candidate candidate : candidates(List.copyOf(searchTerms.terms(words)), filter, limit)) {
            hits.add(hit(candidate, words, Collections.indexOfSubList(SearchTerms.words(candidate.text()), phrase) >= 0));
        }
        hits.sort(Comparator.comparing(Hit::phrase).reversed());
        return hits;
    }

    private static Hit hit(Candidate candidate, List<String> words, boolean phrase) {
        String text = candidate.text();
        List<Highlight> all = highlights(text, words);
        int start = all.isEmpty() ? 0 : Math.max(0, all.get(0).start() - SNIPPET / 4);
        int end = Math.min(text.length(), start + SNIPPET);
        List<Highlight> shown = all.stream().filter(h -> h.start() >= start && h.end() <= end)
                .map(h -> new Highlight(h.start() - start, h.end() - start)).toList();
        return new Hit(candidate.messageId(), candidate.conversationId(), candidate.customerName(), candidate.channel(),
                candidate.direction(), candidate.state(), candidate.receivedAt(), text.substring(start, end), shown, phrase);
    }

    /**
     * Where the words occur in the text as whole words, compared as {@link SearchTerms#words} compares them (case and
     * accents ignored), in the text's own character positions.
     */
    static List<Highlight> highlights(String text, List<String> words) {
        StringBuilder folded = new StringBuilder();
        List<Integer> origin = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String one = SearchTerms.fold(new String(Character.toChars(codePoint)));
            for (int k = 0; k < one.length(); k++) {
                folded.append(one.charAt(k));
                origin.add(i);
            }
            i += Character.charCount(codePoint);
        }
        origin.add(text.length());
        List<Highlight> found = new ArrayList<>();
        for (String word : words) {
            for (int at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
                int after = at + word.length();
                boolean whole = (at == 0 || !Character.isLetterOrDigit(folded.charAt(at - 1)))
                        && (after == folded.length() || !Character.isLetterOrDigit(folded.charAt(after)));
                if (whole) {
                    found.add(new Highlight(origin.get(at), origin.get(after)));
                }
            }
        }
        found.sort(Comparator.comparingInt(Highlight::start));
        return found;
    }

    private List<Candidate> candidates(List<String> terms, Filter filter, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT m.id, m.conversation_id, m.channel, m.direction, m.received_at, m.content, cu.display_name, c.state
                  FROM message m
                  JOIN conversation c ON c.id = m.conversation_id
                  JOIN customer cu ON cu.id = c.customer_id
                 WHERE cu.erased_at IS NULL AND c.content_redacted_at IS NULL
                   AND m.id IN (SELECT t.message_id FROM message_search_term t WHERE t.term = ANY (?)
                                 GROUP BY t.message_id HAVING count(*) = ?)
                """);
        List<Object> parameters = new ArrayList<>();
        if (filter.channel() != null) {
            sql.append(" AND m.channel = ?");
            parameters.add(filter.channel());
        }
        if (filter.state() != null) {
            sql.append(" AND c.state = ?");
            parameters.add(filter.state());
        }
        if (filter.from() != null) {
            sql.append(" AND m.received_at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND m.received_at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        sql.append(" ORDER BY m.received_at DESC, m.id LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setArray(1, connection.createArrayOf("text", terms.toArray()));
            statement.setInt(2, terms.size());
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 3, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<Candidate> candidates = new ArrayList<>();
                while (rows.next()) {
                    candidates.add(new Candidate(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                            rows.getString(3), rows.getString(4), rows.getTimestamp(5).toInstant(),
                            personalData.open(rows.getString(6)), personalData.open(rows.getString(7)), rows.getString(8)));
                }
                return candidates;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not search messages", e);
        }
    }
}
