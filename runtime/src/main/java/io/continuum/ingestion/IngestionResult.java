package io.continuum.ingestion;

import java.util.UUID;

/** What ingestion did with a message; {@code duplicate} means it had been accepted before. */
public record IngestionResult(UUID messageId, UUID conversationId, UUID customerId, boolean duplicate) {
}
