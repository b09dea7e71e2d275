package io.continuum.connectors.channel;

import java.util.List;
import java.util.UUID;

/**
 * A reply on its way to the customer.
 *
 * @param messageId         our message id; {@code idempotencyKey()} derives from it so a retry is recognisable
 * @param conversationToken short token naming the conversation, e.g. {@code C-1a2b3c4d}, written where a
 *                          channel can carry it (an e-mail subject) so a reply finds its conversation again
 * @param inReplyTo         the channel's id of the message this answers (e-mail Message-ID), if any
 * @param references        earlier ids of the thread, oldest first
 * @param template          a pre-approved template (WhatsApp) or message tag (Messenger, Instagram) the reply goes
 *                          by outside the channel's free-form window, if any
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
     * {@code socialId} is their id on the reply's social channel (a Messenger page-scoped id, an Instagram-scoped id).
     */
    public record Recipient(String name, String email, String phone, List<String> deviceIds, String socialId) {

        public Recipient {
            deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
        }

        public Recipient(String name, String email, String phone, List<String> deviceIds) {
            this(name, email, phone, deviceIds, null);
        }
    }

    /**
     * What a reply outside the channel's free-form window is sent as: a WhatsApp message template (name, language
     * code and body parameters in order), or on Messenger and Instagram a message tag ({@code name}, e.g.
     * HUMAN_AGENT; no language, the reply's text as its one parameter).
     */
    public record Template(String name, String language, List<String> parameters) {

        public Template {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }
}
