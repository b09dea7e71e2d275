package io.continuum.resolution;

import java.time.Instant;
import java.util.UUID;

/** What the audit log shows of a Resolution when it is opened, changed or loses a conversation. */
sealed interface ResolutionAudit {

    record Opened(String caseRef, UUID conversationId, String issueType, String owningTeam) implements ResolutionAudit {
    }

    record Unlinked(UUID conversationId) implements ResolutionAudit {
    }

    /** The figures a change may touch. */
    record Snapshot(String status, String owningTeam, Instant etaWindowStart, Instant etaWindowEnd, String rootCause,
                    String fixDescription, boolean clockPaused) implements ResolutionAudit {

        static Snapshot of(Resolution r) {
            return new Snapshot(r.status, r.owningTeam, r.etaWindowStart, r.etaWindowEnd, r.rootCause, r.fixDescription,
                    r.clockPausedAt != null);
        }
    }
}
