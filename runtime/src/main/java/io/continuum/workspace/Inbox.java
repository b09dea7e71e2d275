package io.continuum.workspace;

import io.continuum.privacy.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The inbox as agents read it: conversations with their customer, last message, wait, SLA due time, assignee
 * and unread mark, in one query (lateral joins, no query per row). Names and message text are stored sealed
 * and opened here; an erased customer's conversations are listed without either. A resolved conversation waits for
 * nobody: it has no due time, so the SLA order puts it after every open one.
 */
@ApplicationScoped
public class Inbox {

    static final int PREVIEW_CHARACTERS = 160;

    private static final String SELECT = """
            SELECT c.id, c.customer_id, c.state, c.current_channel, c.channels_used, c.queue, c.severity, c.priority,
                   CASE WHEN c.state <> 'resolved'
                        THEN coalesce(c.next_response_due_at, c.first_response_due_at, c.resolution_due_at) END AS due_at,
                   c.sla_breached, c.last_message_at, c.assigned_agent_id, a.username AS agent_username,
                   a.name AS agent_name, cu.display_name, cu.erased_at, cu.tags,
                   last.content AS last_content, last.direction AS last_direction,
                   waiting.since AS waiting_since, seen.read_at
              FROM conversation c
              JOIN customer cu ON cu.id = c.customer_id
              LEFT JOIN agent a ON CAST(a.id AS text) = c.assigned_agent_id
              LEFT JOIN LATERAL (SELECT m.content, m.direction FROM message m WHERE m.conversation_id = c.id
                                  ORDER BY m.created_at DESC LIMIT 1) last ON true
              LEFT JOIN LATERAL (SELECT min(m.created_at) AS since FROM message m
                                  WHERE m.conversation_id = c.id AND m.direction = 'inbound'
                                    AND m.created_at > coalesce((SELECT max(o.created_at) FROM message o
                                                                  WHERE o.conversation_id = c.id
                                                                    AND o.direction = 'outbound'), '-infinity')
                                ) waiting ON c.state <> 'resolved'
              LEFT JOIN conversation_read seen ON seen.conversation_id = c.id AND seen.username = ?
             WHERE true
            """;

    private final DataSource dataSource;
    private final PersonalData personalData;
    private final Clock clock;

    Inbox(DataSource dataSource, PersonalData personalData, Clock clock) {
        this.dataSource = dataSource;
        this.personalData = personalData;
        this.clock = clock;
    }

    /** The conversations the filter lets through, in its order, as the signed-in person sees them. */
    public List<InboxItem> list(InboxFilter filter, String username, int limit) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> parameters = new ArrayList<>(List.of(username));
        if (filter.queue() != null) {
            sql.append(" AND c.queue = ?");
            parameters.add(filter.queue());
        }
        if (InboxFilter.UNRESOLVED.equals(filter.state())) {
            sql.append(" AND c.state <> 'resolved'");
        } else if (filter.state() != null) {
            sql.append(" AND c.state = ?");
            parameters.add(filter.state());
        }
        if (filter.severity() != null) {
            sql.append(" AND c.severity = ?");
            parameters.add(filter.severity());
        }
        if (filter.channel() != null) {
            sql.append(" AND ? = ANY (c.channels_used)");
            parameters.add(filter.channel());
        }
        if (filter.tag() != null) {
            sql.append(" AND ? = ANY (cu.tags)");
            parameters.add(filter.tag());
        }
        if (InboxFilter.UNASSIGNED.equals(filter.assignee())) {
            sql.append(" AND c.assigned_agent_id IS NULL");
        } else if (InboxFilter.ME.equals(filter.assignee())) {
            sql.append(" AND a.username = ?");
            parameters.add(username);
        } else if (filter.assignee() != null) {
            sql.append(" AND c.assigned_agent_id = ?");
            parameters.add(filter.assignee());
        }
        sql.append(switch (filter.sortOrder()) {
            case DUE -> " ORDER BY due_at ASC NULLS LAST, c.last_message_at DESC";
            case WAITING -> " ORDER BY waiting_since ASC NULLS LAST, c.last_message_at DESC";
            case RECENT -> " ORDER BY c.last_message_at DESC";
            case SEVERITY -> " ORDER BY c.severity ASC NULLS LAST, due_at ASC NULLS LAST";
        }).append(", c.id LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<InboxItem> items = new ArrayList<>();
                while (rows.next()) {
                    items.add(item(rows));
                }
                return items;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the inbox", e);
        }
    }

    /** The person opened the conversation: what the customer wrote until now is read. */
    public void markRead(UUID conversationId, String username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO conversation_read (conversation_id, username, read_at) VALUES (?, ?, ?)
                     ON CONFLICT (conversation_id, username) DO UPDATE SET read_at = excluded.read_at""")) {
            statement.setObject(1, conversationId);
            statement.setString(2, username);
            statement.setTimestamp(3, Timestamp.from(clock.instant()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark conversation " + conversationId + " read", e);
        }
    }

    private InboxItem item(ResultSet row) throws SQLException {
        boolean erased = row.getTimestamp("erased_at") != null;
        String agentId = row.getString("assigned_agent_id");
        Instant lastMessageAt = instant(row, "last_message_at");
        Instant readAt = instant(row, "read_at");
        String lastDirection = row.getString("last_direction");
        Instant waitingSince = instant(row, "waiting_since");
        boolean unread = "inbound".equals(lastDirection) && (readAt == null || lastMessageAt.isAfter(readAt));
        return new InboxItem(row.getObject("id", UUID.class), row.getObject("customer_id", UUID.class),
                erased ? null : personalData.open(row.getString("display_name")), erased, row.getString("state"),
                row.getString("current_channel"), strings(row.getArray("channels_used")),
                erased ? null : firstLine(personalData.open(row.getString("last_content"))), lastDirection,
                lastMessageAt, waitingSince, row.getString("queue"), row.getString("severity"),
                (Integer) row.getObject("priority"), instant(row, "due_at"), row.getBoolean("sla_breached"),
                agentId == null ? null : new InboxItem.Assignee(agentId, row.getString("agent_username"),
                        row.getString("agent_name")),
                strings(row.getArray("tags")), unread);
    }

    /** The first non-blank line, cut to {@link #PREVIEW_CHARACTERS}: what a list has room for. */
    static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return line.length() <= PREVIEW_CHARACTERS ? line : line.substring(0, PREVIEW_CHARACTERS - 1) + "…";
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
