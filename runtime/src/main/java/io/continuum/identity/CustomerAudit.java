package io.continuum.identity;

import java.util.UUID;

/** What the audit log records about a customer's identifiers and merges, beside its snapshots. */
sealed interface CustomerAudit {

    /** An identifier (kind and network, never the value) the customer was recognised by for the first time. */
    record IdentifierLearned(String kind, String network) implements CustomerAudit {
    }

    /** On the surviving customer: which merge brought the other one in, and why. */
    record Absorbed(UUID mergeId, UUID survivingId, UUID mergedId, String reason) implements CustomerAudit {
    }

    /** On the surviving customer: the merge undone and the customer restored. */
    record Restored(UUID mergeId, UUID restoredId) implements CustomerAudit {
    }
}
