package io.continuum.workspace;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of an agent's inbox: enough to triage a conversation without opening it.
 *
 * @param customerName the customer's name, opened; null for a visitor who gave none and for an erased customer
 * @param customerErased the customer was erased: no name and no preview are shown
 * @param preview the first line of the last message (trimmed), opened; null once the customer is erased
 * @param waitingSince the customer's oldest message nobody has answered yet; null when nobody is waiting
 * @param dueAt the next SLA due time that applies (next response, first response, then resolution)
 * @param unread a customer message arrived after the signed-in person last opened the conversation
 */
public record InboxItem(UUID id, UUID customerId, String customerName, boolean customerErased, String state,
                        String channel, List<String> channelsUsed, String preview, String lastMessageDirection,
                        Instant lastMessageAt, Instant waitingSince, String queue, String severity, Integer priority,
                        Instant dueAt, boolean slaBreached, Assignee assignee, List<String> tags, boolean unread) {

    /** Who holds the conversation: the agent's id, sign-in name and display name. */
    public record Assignee(String id, String username, String name) {
    }
}
