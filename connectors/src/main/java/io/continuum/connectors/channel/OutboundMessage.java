package io.continuum.connectors.channel;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A reply on its way to the customer.
 *
 * @param messageId         our message id; {@code idempotencyKey()} derives from it so a retry is recognisable
 * @param conversationToken short token naming the conversation, e.g. {@code C-1a2b3c4d}, written where a
 *                          channel can carry it (an e-mail subject) so a reply finds its conversation again
 * @param inReplyTo         the channel's id of the message this answers (e-mail Message-ID), if any
 * @param references        earlier ids of the thread, oldest first
 * @param template          a pre-approved template to send instead of free text (WhatsApp), if any
 */
public record OutboundMessage(UUID messageId, UUID conversationId, String channel, String conversationToken,
                              Recipient to, String content, String inReplyTo, List<String> references,
                              Template template) {

    public OutboundMessage {
        references = references == null ? List.of() : List.copyOf(references);
    }

    public String idempotencyKey() {
        return "continuum-" + messageId;
    }

    /**
     * Where the customer can be reached; any may be absent. {@code deviceIds} are web chat visitor ids;
     * {@code socialIds} their verified account id per social channel (x → X user id).
     */
    public record Recipient(String name, String email, String phone, List<String> deviceIds, Map<String, String> socialIds) {

        public Recipient {
            deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
            socialIds = socialIds == null ? Map.of() : Map.copyOf(socialIds);
        }

        public Recipient(String name, String email, String phone, List<String> deviceIds) {
            this(name, email, phone, deviceIds, Map.of());
        }
    }

    /** A WhatsApp message template: name, language code and body parameters in order. */
    public record Template(String name, String language, List<String> parameters) {

        public Template {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }
}
