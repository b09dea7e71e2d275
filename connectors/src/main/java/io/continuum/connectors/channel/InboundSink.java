package io.continuum.connectors.channel;

import java.util.List;
import java.util.UUID;

/**
 * Where connectors hand what they received; the runtime implements it (ingestion: dedupe,
 * identity, continuity). A call returns once everything in the batch is durably stored.
 */
public interface InboundSink {

    List<Accepted> accept(InboundBatch batch);

    /**
     * What became of one inbound item; {@code duplicate} means it had been accepted before; a
     * quarantined item (refused, kept raw for a supervisor) has only its {@code quarantineId}.
     */
    record Accepted(UUID messageId, UUID conversationId, UUID customerId, boolean duplicate, UUID quarantineId) {

        public Accepted(UUID messageId, UUID conversationId, UUID customerId, boolean duplicate) {
            this(messageId, conversationId, customerId, duplicate, null);
        }

        public static Accepted quarantined(UUID quarantineId) {
            return new Accepted(null, null, null, false, quarantineId);
        }

        public boolean isQuarantined() {
            return quarantineId != null;
        }
    }
}
