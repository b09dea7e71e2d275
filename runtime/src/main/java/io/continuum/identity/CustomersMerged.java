package io.continuum.identity;

import java.util.UUID;

/** Fired synchronously inside the merge transaction: whoever owns data of {@code mergedId} moves it. */
public record CustomersMerged(UUID mergeId, UUID survivingId, UUID mergedId) {
}
