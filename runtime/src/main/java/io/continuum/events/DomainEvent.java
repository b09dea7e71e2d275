package io.continuum.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** An event as consumers see it, whichever bus carried it. {@code id} is the idempotency key. */
public record DomainEvent(UUID id, String topic, UUID aggregateId, JsonNode payload, Instant occurredAt) {
}
