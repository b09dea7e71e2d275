package io.continuum.connectors.channel;

import java.util.List;
import java.util.UUID;

/**
 * Where connectors hand what they received; the runtime implements it (ingestion: dedupe,
 * identity, continuity). A call returns once everything in the batch is durably stored.
 */
public interface InboundSink {

    List<Accepted> accept(InboundBatch batch);

    /** What became of one inbound message; {@code duplicate} means it had been accepted before. */
    record Accepted(UUID messageId, UUID conversationId, UUID customerId, boolean duplicate) {
    }
}
