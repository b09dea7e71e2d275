package io.continuum.workspace;

import io.continuum.conversation.SearchTerms;
import io.continuum.identity.IdentityService;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Searches what customers and agents wrote — messages and internal notes —, customers and Resolutions. The text is
 * sealed, so the database finds candidates through the words' blind indexes ({@link SearchTerms}: messages or notes
 * holding every word of the query) and the matches are highlighted on the opened text here. Erased customers' and
 * redacted conversations' messages and notes are never found. Customers' names are sealed too: a customer is found
 * by a whole identifier (e-mail address, phone number, social id) through its blind index, never by a name.
 * Resolutions are found by the words of their title (stored in clear: it names an incident, not a person).
 */
@ApplicationScoped
public class Search {

    static final int SNIPPET = 200;
    static final int MAX_WORDS = 12;

    private final DataSource dataSource;
    private final SearchTerms searchTerms;
    private final PersonalData personalData;
    private final IdentityService identity;

    Search(DataSource dataSource, SearchTerms searchTerms, PersonalData personalData, IdentityService identity) {
        this.identity = identity;
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

    /** An internal note holding every word of the query, with the conversation it is on. */
    public record NoteHit(UUID noteId, UUID conversationId, String customerName, String author, String state,
                          Instant createdAt, String snippet, List<Highlight> highlights, boolean phrase) {
    }

    /** A customer one of whose verified identifiers is the query. */
    public record CustomerHit(UUID customerId, String name, String tier, Instant createdAt) {
    }

    /** A Resolution whose title holds every word of the query. */
    public record ResolutionHit(UUID resolutionId, String caseRef, String title, String status, String owningTeam,
                                Instant createdAt, List<Highlight> highlights) {
    }

    /** A message holding every word, its text and its customer's name opened. */
    private record Candidate(UUID messageId, UUID conversationId, String channel, String direction, Instant receivedAt,
                             String text, String customerName, String state) {
    }

    /** Messages holding every word of the query, the exact phrase first, then the latest. */
    public List<Hit> messages(String query, Filter filter, int limit) {
        List<String> phrase = SearchTerms.words(query);
        List<String> words = checkedWords(phrase);
        List<Hit> hits = new ArrayList<>();
        for (Candidate candidate : candidates(List.copyOf(searchTerms.terms(words)), filter, limit)) {
            hits.add(hit(candidate, words, Collections.indexOfSubList(SearchTerms.words(candidate.text()), phrase) >= 0));
        }
        hits.sort(Comparator.comparing(Hit::phrase).reversed());
        return hits;
    }

    /** Internal notes holding every word of the query, the exact phrase first, then the latest. */
    public List<NoteHit> notes(String query, Filter filter, int limit) {
        List<String> phrase = SearchTerms.words(query);
        List<String> words = checkedWords(phrase);
        List<String> terms = List.copyOf(searchTerms.terms(words));
        StringBuilder sql = new StringBuilder("""
                SELECT n.id, n.conversation_id, n.author, n.created_at, n.content, cu.display_name, c.state
                  FROM conversation_note n
                  JOIN conversation c ON c.id = n.conversation_id
                  JOIN customer cu ON cu.id = c.customer_id
                 WHERE cu.erased_at IS NULL AND c.content_redacted_at IS NULL
                   AND n.id IN (SELECT t.note_id FROM note_search_term t WHERE t.term = ANY (?)
                                 GROUP BY t.note_id HAVING count(*) = ?)
                """);
        List<Object> parameters = new ArrayList<>();
        if (filter.channel() != null) {
            sql.append(" AND ? = ANY (c.channels_used)");
            parameters.add(filter.channel());
        }
        appendStateAndTime(sql, parameters, filter, "n.created_at");
        sql.append(" ORDER BY n.created_at DESC, n.id LIMIT ?");
        parameters.add(limit);
        List<NoteHit> hits = new ArrayList<>();
        query(sql.toString(), terms, parameters, rows -> {
            String text = personalData.open(rows.getString(5));
            Snippet snippet = snippet(text, words);
            hits.add(new NoteHit(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                    personalData.open(rows.getString(6)), rows.getString(3), rows.getString(7),
                    rows.getTimestamp(4).toInstant(), snippet.text(), snippet.highlights(),
                    Collections.indexOfSubList(SearchTerms.words(text), phrase) >= 0));
        });
        hits.sort(Comparator.comparing(NoteHit::phrase).reversed());
        return hits;
    }

    /** Customers with a verified identifier equal to the query (an e-mail address, a phone number, a social id). */
    public List<CustomerHit> customers(String query, int limit) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        return identity.search(Optional.empty(), Optional.empty(), Optional.of(query.strip()), Optional.empty(), limit)
                .stream().map(customer -> new CustomerHit(customer.id, customer.displayName,
                        customer.tier, customer.createdAt)).toList();
    }

    /**
     * Resolutions whose title holds every word of the query as a whole word, case ignored (accents count here: titles
     * are plain text, compared in the database); the state filter is their status, the time their creation.
     */
    public List<ResolutionHit> resolutions(String query, Filter filter, int limit) {
        List<String> words = checkedWords(SearchTerms.words(query));
        StringBuilder sql = new StringBuilder("""
                SELECT r.id, r.case_ref, r.title, r.status, r.owning_team, r.created_at
                  FROM resolution r
                 WHERE r.title IS NOT NULL
                """);
        List<Object> parameters = new ArrayList<>();
        // the database finds titles containing each word; whole words are checked on the title below
        for (String word : words) {
            sql.append(" AND position(? in lower(r.title)) > 0");
            parameters.add(word);
        }
        if (filter.state() != null) {
            sql.append(" AND r.status = ?");
            parameters.add(filter.state());
        }
        appendTime(sql, parameters, filter, "r.created_at");
        sql.append(" ORDER BY r.created_at DESC, r.id LIMIT ?");
        parameters.add(limit);
        List<ResolutionHit> hits = new ArrayList<>();
        query(sql.toString(), null, parameters, rows -> {
            String title = rows.getString(3);
            List<Highlight> highlights = highlights(title, words);
            if (highlights.stream().map(h -> SearchTerms.fold(title.substring(h.start(), h.end()))).distinct().count()
                    == words.size()) {
                hits.add(new ResolutionHit(rows.getObject(1, UUID.class), rows.getString(2), title, rows.getString(4),
                        rows.getString(5), rows.getTimestamp(6).toInstant(), highlights));
            }
        });
        return hits;
    }

    private static List<String> checkedWords(List<String> phrase) {
        List<String> words = phrase.stream().distinct().toList();
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            throw ProblemException.badRequest("A search needs 1 to " + MAX_WORDS + " words of two letters or more");
        }
        return words;
    }

    private static void appendStateAndTime(StringBuilder sql, List<Object> parameters, Filter filter, String time) {
        if (filter.state() != null) {
            sql.append(" AND c.state = ?");
            parameters.add(filter.state());
        }
        appendTime(sql, parameters, filter, time);
    }

    private static void appendTime(StringBuilder sql, List<Object> parameters, Filter filter, String time) {
        if (filter.from() != null) {
            sql.append(" AND ").append(time).append(" >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND ").append(time).append(" < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    /** Runs a search query: the terms array and their count first when {@code terms} is given, then the parameters. */
    private void query(String sql, List<String> terms, List<Object> parameters, RowReader reader) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = 1;
            if (terms != null) {
                statement.setArray(next++, connection.createArrayOf("text", terms.toArray()));
                statement.setInt(next++, terms.size());
            }
            for (Object parameter : parameters) {
                statement.setObject(next++, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not search", e);
        }
    }

    private record Snippet(String text, List<Highlight> highlights) {
    }

    /** Up to {@link #SNIPPET} characters of the text around its first match, with the matches in it. */
    private static Snippet snippet(String text, List<String> words) {
        List<Highlight> all = highlights(text, words);
        int start = all.isEmpty() ? 0 : Math.max(0, all.get(0).start() - SNIPPET / 4);
        int end = Math.min(text.length(), start + SNIPPET);
        List<Highlight> shown = all.stream().filter(h -> h.start() >= start && h.end() <= end)
                .map(h -> new Highlight(h.start() - start, h.end() - start)).toList();
        return new Snippet(text.substring(start, end), shown);
    }

    private static Hit hit(Candidate candidate, List<String> words, boolean phrase) {
        Snippet snippet = snippet(candidate.text(), words);
        return new Hit(candidate.messageId(), candidate.conversationId(), candidate.customerName(), candidate.channel(),
                candidate.direction(), candidate.state(), candidate.receivedAt(), snippet.text(), snippet.highlights(),
                phrase);
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
