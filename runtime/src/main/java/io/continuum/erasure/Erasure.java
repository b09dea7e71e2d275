package io.continuum.erasure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an erasure did: the customers who were one person (the one named and everyone merged with them),
 * the conversations that remain as shells, and when. {@code alreadyErased}: a repeated request, nothing done.
 */
public record Erasure(UUID customerId, List<UUID> erasedCustomerIds, List<UUID> conversationIds, Instant erasedAt,
                      boolean alreadyErased) {
}
