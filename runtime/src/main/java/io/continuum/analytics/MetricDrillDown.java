package io.continuum.analytics;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversations behind a figure of the care metrics over a window (a day of the dashboard's series, usually):
 * the same SQL sets {@link CareMetrics} counts, listed, so a supervisor can open what a point on a chart stands for.
 */
@ApplicationScoped
public class MetricDrillDown {

    /** The most conversations one drill-down lists; {@link Listed#truncated} says when there were more. */
    public static final int LIMIT = 500;

    /** A figure that counts conversations, by its wire name; {@code windowed} is its set over [?, ?). */
    public enum Figure {
        CONVERSATIONS("conversations", opened("TRUE")),
        RESPONDED("responded", opened("first_response_at IS NOT NULL")),
        DEFLECTED("deflected", opened(CareMetrics.DEFLECTED)),
        SLA_TRACKED("sla-tracked", opened(CareMetrics.SLA_TRACKED)),
        SLA_BREACHED("sla-breached", opened(CareMetrics.SLA_BREACHED)),
        RESOLVED("resolved", resolved("TRUE")),
        REOPENED("reopened", resolved(CareMetrics.REOPENED)),
        CLASSIFIED("classified", triaged("TRUE")),
        CORRECTED("corrected", triaged(CareMetrics.CORRECTED)),
        SURVEYS_SENT("surveys-sent", surveyed("TRUE")),
        SURVEYS_ANSWERED("surveys-answered", surveyed("score IS NOT NULL"));

        private final String wireName;
        private final String windowed;

        Figure(String wireName, String windowed) {
            this.wireName = wireName;
            this.windowed = windowed;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Figure> fromWire(String value) {
            return Arrays.stream(values()).filter(figure -> figure.wireName.equals(value)).findFirst();
        }

        /** Only the SLA breach reads the time now, twice. */
        private int nowParameters() {
            return this == SLA_BREACHED ? 2 : 0;
        }

        private static String opened(String predicate) {
            return CareMetrics.OPENED_CONVERSATIONS + "SELECT id FROM opened WHERE " + predicate;
        }

        private static String resolved(String predicate) {
            return CareMetrics.FIRST_RESOLUTIONS + "SELECT r.conversation_id FROM first_resolution r "
                    + "WHERE r.resolved_at >= ? AND r.resolved_at < ? AND " + predicate;
        }

        private static String triaged(String predicate) {
            return "SELECT t.entity_id FROM audit_log t WHERE t.entity_type = 'conversation' AND t.action = 'triaged' "
                    + "AND t.occurred_at >= ? AND t.occurred_at < ? AND " + predicate;
        }

        private static String surveyed(String predicate) {
            return "SELECT conversation_id FROM csat_survey WHERE requested_at >= ? AND requested_at < ? AND " + predicate;
        }
    }

    /** One conversation behind a figure, as a list row shows it. */
    public record Row(UUID id, Instant createdAt, String channel, String state, String queue, String intent,
                      String severity, String assignee, Instant resolvedAt) {
    }

    /** The conversations behind {@code figure} in [from, to), oldest first. */
    public record Listed(String figure, Instant from, Instant to, List<Row> conversations, boolean truncated) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    MetricDrillDown(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Listed list(Figure figure, Instant from, Instant to) {
        String sql = """
                SELECT c.id, c.created_at, c.current_channel, c.state, c.queue, c.intent, c.severity,
                       c.assigned_agent_id, c.resolved_at
                  FROM conversation c
                 WHERE c.id IN (%s)
                 ORDER BY c.created_at, c.id
                 LIMIT ?""".formatted(figure.windowed);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            statement.setObject(parameter++, from.atOffset(ZoneOffset.UTC));
            statement.setObject(parameter++, to.atOffset(ZoneOffset.UTC));
            for (int i = 0; i < figure.nowParameters(); i++) {
                statement.setObject(parameter++, now);
            }
            statement.setInt(parameter, LIMIT + 1);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getObject("id", UUID.class), instant(result, "created_at"),
                            result.getString("current_channel"), result.getString("state"), result.getString("queue"),
                            result.getString("intent"), result.getString("severity"),
                            result.getString("assigned_agent_id"), instant(result, "resolved_at")));
                }
            }
            boolean truncated = rows.size() > LIMIT;
            return new Listed(figure.wireName(), from, to, truncated ? rows.subList(0, LIMIT) : rows, truncated);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the conversations behind " + figure.wireName(), e);
        }
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
