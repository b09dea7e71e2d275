package io.continuum.analytics;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes the care metrics from what is stored — messages, state changes, the audit log, the
 * decision log and the satisfaction surveys — with SQL aggregates. Each windowed query groups by UTC day and, through
 * {@code GROUPING SETS}, also returns the whole-window total (the row whose day is null), so
 * totals are computed by the database exactly as the series is, not summed from rounded days. A satisfaction
 * survey is no answer to the customer: it neither counts as a first response nor as a person's involvement.
 */
@ApplicationScoped
public class CareMetrics {

    /**
     * Conversations opened in [?, ?) with what the figures read of each: when it was first answered (a satisfaction
     * survey is no answer), whether the AI replied and whether a person took part. Shared by the figures and their
     * drill-down, so a figure and the conversations listed behind it are the same set.
     */
    static final String OPENED_CONVERSATIONS = """
            WITH opened AS (
                SELECT c.id, c.created_at, c.first_response_due_at, c.resolution_due_at, c.resolved_at, c.sla_breached,
                       c.state, c.assigned_agent_id,
                       (SELECT min(m.created_at) FROM message m
                         WHERE m.conversation_id = c.id AND m.direction = 'outbound'
                           AND m.author IS DISTINCT FROM 'system:csat') AS first_response_at,
                       EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND m.direction = 'outbound'
                                  AND m.author LIKE 'ai:%') AS ai_replied,
                       EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND m.direction = 'outbound'
                                  AND (m.author IS NULL OR m.author NOT LIKE 'ai:%')
                                  AND m.author IS DISTINCT FROM 'system:csat')
                         OR EXISTS (SELECT 1 FROM conversation_state_change s WHERE s.conversation_id = c.id
                                       AND s.actor LIKE 'human:%') AS human_involved
                  FROM conversation c
                 WHERE c.created_at >= ? AND c.created_at < ?
            )
            """;

    /** Of the opened ones: answered by the AI with no person ever replying, moving or owning them. */
    static final String DEFLECTED = "ai_replied AND NOT human_involved AND assigned_agent_id IS NULL";
    static final String SLA_TRACKED = "first_response_due_at IS NOT NULL OR resolution_due_at IS NOT NULL";
    /** Of the opened ones: flagged, or past a due time (the two parameters are now). */
    static final String SLA_BREACHED = """
            sla_breached
                       OR coalesce(first_response_at, ?) > first_response_due_at
                       OR (CASE WHEN state = 'resolved' THEN resolved_at ELSE ? END) > resolution_due_at""";

    private static final String OPENED = OPENED_CONVERSATIONS + """
            SELECT (created_at AT TIME ZONE 'UTC')::date AS day,
                   count(*) AS conversations,
                   count(first_response_at) AS responded,
                   avg(extract(epoch FROM first_response_at - created_at)) AS first_response_avg,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at))
                       AS first_response_median,
                   count(*) FILTER (WHERE %s) AS deflected,
                   count(*) FILTER (WHERE %s) AS sla_tracked,
                   count(*) FILTER (WHERE %s) AS sla_breached
              FROM opened
             GROUP BY GROUPING SETS (((created_at AT TIME ZONE 'UTC')::date), ())
            """.formatted(DEFLECTED, SLA_TRACKED, SLA_BREACHED);

    /** Each conversation's first resolution; the window applies to {@code resolved_at}. */
    static final String FIRST_RESOLUTIONS = """
            WITH first_resolution AS (
                SELECT conversation_id, min(changed_at) AS resolved_at
                  FROM conversation_state_change
                 WHERE to_state = 'resolved'
                 GROUP BY conversation_id
            )
            """;

    /** Of the first resolutions ({@code r}): reopened afterwards. */
    static final String REOPENED = """
            EXISTS (SELECT 1 FROM conversation_state_change s
                                                   WHERE s.conversation_id = r.conversation_id
                                                     AND s.to_state = 'reopened' AND s.changed_at > r.resolved_at)""";

    /** Conversations resolved for the first time in the window: time to resolution and reopen rate. */
    private static final String RESOLVED = FIRST_RESOLUTIONS + """
            SELECT (r.resolved_at AT TIME ZONE 'UTC')::date AS day,
                   count(*) AS resolved,
                   avg(extract(epoch FROM r.resolved_at - c.created_at)) AS resolution_avg,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.resolved_at - c.created_at))
                       AS resolution_median,
                   count(*) FILTER (WHERE %s) AS reopened
              FROM first_resolution r
              JOIN conversation c ON c.id = r.conversation_id
             WHERE r.resolved_at >= ? AND r.resolved_at < ?
             GROUP BY GROUPING SETS (((r.resolved_at AT TIME ZONE 'UTC')::date), ())
            """.formatted(REOPENED);

    /** Of the triaged conversations ({@code t}): a person corrected the classification. */
    static final String CORRECTED = """
            EXISTS (
                       SELECT 1 FROM audit_log a
                        WHERE a.entity_type = 'conversation' AND a.entity_id = t.entity_id
                          AND a.action = 'corrected' AND a.actor_type = 'human')""";

    /** AI classifications (triage) in the window and how many a person corrected (the override rate). */
    private static final String CLASSIFIED = """
            SELECT (t.occurred_at AT TIME ZONE 'UTC')::date AS day,
                   count(DISTINCT t.entity_id) AS classified,
                   count(DISTINCT t.entity_id) FILTER (WHERE %s) AS corrected
              FROM audit_log t
             WHERE t.entity_type = 'conversation' AND t.action = 'triaged'
               AND t.occurred_at >= ? AND t.occurred_at < ?
             GROUP BY GROUPING SETS (((t.occurred_at AT TIME ZONE 'UTC')::date), ())
            """.formatted(CORRECTED);

    private static final String DECISIONS = """
            SELECT (evaluated_at AT TIME ZONE 'UTC')::date AS day, count(*) AS decisions
              FROM decision_log
             WHERE evaluated_at >= ? AND evaluated_at < ?
             GROUP BY GROUPING SETS (((evaluated_at AT TIME ZONE 'UTC')::date), ())
            """;

    /** Satisfaction surveys sent in the window, and the answers among them. */
    private static final String SURVEYS = """
            SELECT (requested_at AT TIME ZONE 'UTC')::date AS day, count(*) AS surveys_sent,
                   count(score) AS surveys_answered, avg(score) AS csat
              FROM csat_survey
             WHERE requested_at >= ? AND requested_at < ?
             GROUP BY GROUPING SETS (((requested_at AT TIME ZONE 'UTC')::date), ())
            """;

    private static final String SCORES = """
            SELECT score, count(*) AS answers
              FROM csat_survey
             WHERE requested_at >= ? AND requested_at < ? AND score IS NOT NULL
             GROUP BY score
            """;

    /** Surveys of the window by the agent who owned the conversation when it was surveyed. */
    private static final String SURVEYS_BY_AGENT = """
            SELECT agent_id AS name, count(*) AS sent, count(score) AS answered, avg(score) AS average
              FROM csat_survey
             WHERE requested_at >= ? AND requested_at < ? AND agent_id IS NOT NULL
             GROUP BY agent_id
             ORDER BY agent_id
            """;

    /** Surveys of the window by the queue the conversation was in when it was surveyed. */
    private static final String SURVEYS_BY_QUEUE = """
            SELECT queue AS name, count(*) AS sent, count(score) AS answered, avg(score) AS average
              FROM csat_survey
             WHERE requested_at >= ? AND requested_at < ? AND queue IS NOT NULL
             GROUP BY queue
             ORDER BY queue
            """;

    private static final String QUEUES = """
            SELECT coalesce(queue, 'untriaged') AS queue, count(*) AS open,
                   count(*) FILTER (WHERE assigned_agent_id IS NULL) AS unassigned,
                   count(*) FILTER (WHERE sla_breached OR first_response_due_at < ? OR resolution_due_at < ?) AS overdue
              FROM conversation
             WHERE state <> 'resolved'
             GROUP BY coalesce(queue, 'untriaged')
             ORDER BY open DESC, queue
            """;

    private static final String AGENTS = """
            SELECT assigned_agent_id AS agent, count(*) AS open,
                   count(*) FILTER (WHERE sla_breached OR first_response_due_at < ? OR resolution_due_at < ?) AS overdue
              FROM conversation
             WHERE state <> 'resolved' AND assigned_agent_id IS NOT NULL
             GROUP BY assigned_agent_id
             ORDER BY open DESC, agent
            """;

    private final DataSource dataSource;
    private final Clock clock;

    CareMetrics(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Metrics of conversations and decisions in [from, to), by UTC day, and the queues and agents now. */
    public Metrics compute(Instant from, Instant to) {
        OffsetDateTime start = from.atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.atOffset(ZoneOffset.UTC);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            Map<Optional<LocalDate>, Row> opened = byDay(connection, OPENED, start, end, now, now);
            Map<Optional<LocalDate>, Row> resolved = byDay(connection, RESOLVED, start, end);
            Map<Optional<LocalDate>, Row> classified = byDay(connection, CLASSIFIED, start, end);
            Map<Optional<LocalDate>, Row> decisions = byDay(connection, DECISIONS, start, end);
            Map<Optional<LocalDate>, Row> surveys = byDay(connection, SURVEYS, start, end);

            List<Metrics.Day> series = new ArrayList<>();
            LocalDate last = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
            for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
                Optional<LocalDate> key = Optional.of(day);
                series.add(new Metrics.Day(day, figures(opened.get(key), resolved.get(key), classified.get(key),
                        decisions.get(key), surveys.get(key))));
            }
            Optional<LocalDate> total = Optional.empty();
            Figures totals = figures(opened.get(total), resolved.get(total), classified.get(total), decisions.get(total),
                    surveys.get(total));
            return new Metrics(from, to, totals, series, queues(connection, now), agents(connection, now),
                    csat(connection, totals, start, end));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compute the care metrics", e);
        }
    }

    /** The figures of one result row of a grouped query, by column name. */
    private record Row(Map<String, Number> values) {
        long count(String column) {
            Number value = values.get(column);
            return value == null ? 0 : value.longValue();
        }

        Double number(String column) {
            Number value = values.get(column);
            return value == null ? null : value.doubleValue();
        }
    }

    private static final Row EMPTY = new Row(Map.of());

    private static Figures figures(Row opened, Row resolved, Row classified, Row decisions, Row surveys) {
        Row o = opened == null ? EMPTY : opened;
        Row r = resolved == null ? EMPTY : resolved;
        Row c = classified == null ? EMPTY : classified;
        Row d = decisions == null ? EMPTY : decisions;
        Row s = surveys == null ? EMPTY : surveys;
        long conversations = o.count("conversations");
        long slaTracked = o.count("sla_tracked");
        return new Figures(
                conversations, o.count("responded"), o.number("first_response_avg"), o.number("first_response_median"),
                r.count("resolved"), r.number("resolution_avg"), r.number("resolution_median"),
                o.count("deflected"), Figures.rate(o.count("deflected"), conversations),
                c.count("classified"), c.count("corrected"), Figures.rate(c.count("corrected"), c.count("classified")),
                slaTracked, o.count("sla_breached"), Figures.rate(o.count("sla_breached"), slaTracked),
                r.count("reopened"), Figures.rate(r.count("reopened"), r.count("resolved")),
                s.count("surveys_sent"), s.count("surveys_answered"),
                Figures.rate(s.count("surveys_answered"), s.count("surveys_sent")), s.number("csat"), d.count("decisions"));
    }

    private static Metrics.Csat csat(Connection connection, Figures totals, OffsetDateTime start, OffsetDateTime end)
            throws SQLException {
        Map<Integer, Long> distribution = new TreeMap<>();
        for (int score = 1; score <= 5; score++) {
            distribution.put(score, 0L);
        }
        try (PreparedStatement statement = prepare(connection, SCORES, start, end); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                distribution.put(result.getInt("score"), result.getLong("answers"));
            }
        }
        return new Metrics.Csat(totals.csat(), totals.surveysSent(), totals.surveysAnswered(), totals.csatResponseRate(),
                distribution, surveysBy(connection, SURVEYS_BY_AGENT, start, end), surveysBy(connection, SURVEYS_BY_QUEUE, start, end));
    }

    private static List<Metrics.CsatGroup> surveysBy(Connection connection, String sql, OffsetDateTime start,
                                                     OffsetDateTime end) throws SQLException {
        List<Metrics.CsatGroup> groups = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, start, end);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                long sent = result.getLong("sent");
                long answered = result.getLong("answered");
                BigDecimal average = result.getBigDecimal("average");
                groups.add(new Metrics.CsatGroup(result.getString("name"), sent, answered, Figures.rate(answered, sent),
                        average == null ? null : average.doubleValue()));
            }
        }
        return groups;
    }

    private static Map<Optional<LocalDate>, Row> byDay(Connection connection, String sql, OffsetDateTime... parameters)
            throws SQLException {
        Map<Optional<LocalDate>, Row> rows = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, Number> values = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    if (result.getObject(i) instanceof Number figure) {
                        values.put(result.getMetaData().getColumnLabel(i), figure);
                    }
                }
                java.sql.Date day = result.getDate("day");
                rows.put(Optional.ofNullable(day).map(java.sql.Date::toLocalDate), new Row(values));
            }
        }
        return rows;
    }

    private static List<Metrics.QueueLoad> queues(Connection connection, OffsetDateTime now) throws SQLException {
        List<Metrics.QueueLoad> queues = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, QUEUES, now, now); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                queues.add(new Metrics.QueueLoad(result.getString("queue"), result.getLong("open"),
                        result.getLong("unassigned"), result.getLong("overdue")));
            }
        }
        return queues;
    }

    private static List<Metrics.AgentLoad> agents(Connection connection, OffsetDateTime now) throws SQLException {
        List<Metrics.AgentLoad> agents = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, AGENTS, now, now); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                agents.add(new Metrics.AgentLoad(result.getString("agent"), result.getLong("open"), result.getLong("overdue")));
            }
        }
        return agents;
    }

    private static PreparedStatement prepare(Connection connection, String sql, OffsetDateTime... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
