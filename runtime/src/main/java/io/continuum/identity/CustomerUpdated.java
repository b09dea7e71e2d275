package io.continuum.identity;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * Published on {@code Topics.CUSTOMER_UPDATED}: what changed (created, identifiers, profile, merged,
 * unmerged) and, for a merge or unmerge, which one.
 */
record CustomerUpdated(UUID customerId, String change, @JsonInclude(JsonInclude.Include.NON_NULL) UUID mergeId) {

    CustomerUpdated(UUID customerId, String change) {
        this(customerId, change, null);
    }
}
