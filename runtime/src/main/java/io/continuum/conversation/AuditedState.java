package io.continuum.conversation;

import java.util.List;
import java.util.UUID;

/** What the audit log shows of a conversation before and after one of its changes. */
sealed interface AuditedState {

    /** The figures most changes touch. */
    record Snapshot(String state, UUID customerId, String currentChannel, String assignedAgentId, String queue,
                    String severity, String handlingMode, Integer priority) implements AuditedState {
    }

    /** What triage decided and a person may correct. */
    record TriageFigures(String intent, String severity, String queue) implements AuditedState {
    }

    /** The queue a handoff brief suggests. */
    record BriefQueue(String queue) implements AuditedState {
    }

    record DueTimes(String firstResponseDueAt, String resolutionDueAt) implements AuditedState {
    }

    record BreachedClock(String clock) implements AuditedState {
    }

    record Reply(UUID messageId, String channel) implements AuditedState {
    }

    record Redacted(String contentRedactedAt) implements AuditedState {
    }

    record ResolutionLink(UUID resolutionId) implements AuditedState {
    }

    record Tags(List<String> tags) implements AuditedState {
    }
}
