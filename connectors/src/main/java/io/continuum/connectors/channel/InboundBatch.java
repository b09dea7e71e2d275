package io.continuum.connectors.channel;

import java.util.List;

/**
 * One inbound payload, normalised. A payload may carry several messages and statuses (WhatsApp
 * batches them) or nothing we act on ({@code ignored}: unknown events, auto-replies, bounces).
 */
public record InboundBatch(List<InboundMessage> messages, List<DeliveryStatusUpdate> statuses, List<String> ignored) {

    public InboundBatch {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        ignored = List.copyOf(ignored);
    }

    public static InboundBatch of(InboundMessage message) {
        return new InboundBatch(List.of(message), List.of(), List.of());
    }

    public static InboundBatch ignoring(String why) {
        return new InboundBatch(List.of(), List.of(), List.of(why));
    }

    /**
     * A message plus what helps place it in a conversation when {@code threadRef} is unknown:
     * other references (e-mail References) and a conversation token written in a subject.
     */
    public record InboundMessage(NormalizedMessage message, List<String> references, String conversationToken) {

        public InboundMessage {
            references = references == null ? List.of() : List.copyOf(references);
        }

        public static InboundMessage plain(NormalizedMessage message) {
            return new InboundMessage(message, List.of(), null);
        }
    }
}
