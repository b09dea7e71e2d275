package io.continuum.connectors.channel;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One inbound payload, normalised. A payload may carry several messages and statuses (WhatsApp
 * batches them) or nothing we act on ({@code ignored}: unknown events, auto-replies, bounces).
 * Items that cannot be read are {@code rejected}: kept raw for a supervisor instead of failing the
 * items around them.
 */
public record InboundBatch(List<InboundMessage> messages, List<DeliveryStatusUpdate> statuses, List<String> ignored,
                           List<Rejected> rejected, List<SurveyAnswer> surveyAnswers) {

    public InboundBatch {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        ignored = List.copyOf(ignored);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        surveyAnswers = surveyAnswers == null ? List.of() : List.copyOf(surveyAnswers);
    }

    public InboundBatch(List<InboundMessage> messages, List<DeliveryStatusUpdate> statuses, List<String> ignored,
                        List<Rejected> rejected) {
        this(messages, statuses, ignored, rejected, List.of());
    }

    public InboundBatch(List<InboundMessage> messages, List<DeliveryStatusUpdate> statuses, List<String> ignored) {
        this(messages, statuses, ignored, List.of());
    }

    public static InboundBatch of(InboundMessage message) {
        return new InboundBatch(List.of(message), List.of(), List.of());
    }

    public static InboundBatch ignoring(String why) {
        return new InboundBatch(List.of(), List.of(), List.of(why));
    }

    public static InboundBatch rejecting(Rejected item) {
        return new InboundBatch(List.of(), List.of(), List.of(), List.of(item));
    }

    /**
     * A message plus what helps place it in a conversation when {@code threadRef} is unknown:
     * other references (e-mail References) and a conversation token written in a subject; the raw
     * item it was read from (kept if the runtime refuses the message) and files the channel only
     * referenced, to be fetched later.
     */
    public record InboundMessage(NormalizedMessage message, List<String> references, String conversationToken,
                                 RawItem raw, List<PendingFile> pendingFiles) {

        public InboundMessage {
            references = references == null ? List.of() : List.copyOf(references);
            pendingFiles = pendingFiles == null ? List.of() : List.copyOf(pendingFiles);
        }

        public InboundMessage(NormalizedMessage message, List<String> references, String conversationToken) {
            this(message, references, conversationToken, null, List.of());
        }

        public static InboundMessage plain(NormalizedMessage message) {
            return new InboundMessage(message, List.of(), null);
        }
    }

    /** An inbound item as the channel delivered it: the bytes and their media type (application/json, message/rfc822). */
    public record RawItem(byte[] bytes, String contentType) {

        /** A JSON item (one webhook event with what places it), as its UTF-8 JSON text. */
        public static RawItem ofJson(JsonNode item) {
            return new RawItem(item.toString().getBytes(StandardCharsets.UTF_8), "application/json");
        }

        /** The SHA-256 of the bytes, hex: a stable name for an item that carries no id of its own. */
        public String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }

    /**
     * An item that could not be turned into a message or status: its channel, the channel's reference to
     * it (message id, Message-ID; null: known by a digest of the bytes), why, and the raw item.
     */
    public record Rejected(String channel, String reference, String reason, RawItem raw) {
    }

    /** A file the channel announced but that could not be fetched now (reference: e.g. a WhatsApp media id). */
    public record PendingFile(String reference, String fileName, String reason) {
    }

    /**
     * The customer tapped a score under a survey ({@link OutboundMessage.Survey}): recorded as the survey's
     * answer, not as a message, so rating a resolved conversation does not reopen it.
     */
    public record SurveyAnswer(String channel, String reference, String token, int score) {
    }
}
