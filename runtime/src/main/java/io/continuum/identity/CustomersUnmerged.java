package io.continuum.identity;

import java.util.UUID;

/** Fired synchronously inside the unmerge transaction: whoever moved data for {@code mergeId} moves it back. */
public record CustomersUnmerged(UUID mergeId, UUID survivingId, UUID mergedId) {
}
