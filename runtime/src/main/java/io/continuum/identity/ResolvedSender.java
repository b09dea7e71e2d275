package io.continuum.identity;

import java.util.List;
import java.util.UUID;

/** The customer an inbound sender resolved to, and what resolution did to the identity graph. */
public record ResolvedSender(UUID customerId, SlaTier tier, boolean created, List<UUID> mergeIds) {
}
