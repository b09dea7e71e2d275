package io.continuum.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation waiting for an agent, with the routing facts triage decided for it. */
public record QueueEntry(UUID conversationId, String queue, String channel, List<String> requiredSkills,
                         int priority, Instant breachAt, Instant enqueuedAt, String processInstanceId) {
}
