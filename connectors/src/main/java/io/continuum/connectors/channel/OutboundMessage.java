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
 * @param survey            when the message asks the customer to rate the conversation: what a channel with
 *                          buttons shows instead of the link in {@code content} (which works on any channel)
 */
public record OutboundMessage(UUID messageId, UUID conversationId, String channel, String conversationToken,
                              Recipient to, String content, String inReplyTo, List<String> references,
                              Template template, Survey survey) {

    public OutboundMessage {
        references = references == null ? List.of() : List.copyOf(references);
    }

    public OutboundMessage(UUID messageId, UUID conversationId, String channel, String conversationToken, Recipient to,
                           String content, String inReplyTo, List<String> references, Template template) {
        this(messageId, conversationId, channel, conversationToken, to, content, inReplyTo, references, template, null);
    }

    public String idempotencyKey() {
        return "continuum-" + messageId;
    }

    /**
     * Where the customer can be reached; any may be absent. {@code deviceIds} are web chat visitor ids;
     * {@code socialId} is their id on the reply's social channel (a Messenger page-scoped id, an Instagram-scoped id, an X user id).
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

    /**
     * A satisfaction survey: the question, and the signed token that records a score (1 to 5) when the
     * customer's answer carries it back (a chat frame, a WhatsApp list reply {@code csat:<score>:<token>}).
     */
    public record Survey(String question, String token) {

        /** The WhatsApp row id of a score: at most 200 characters, the token is about 80. */
        public String replyId(int score) {
            return SURVEY_REPLY_PREFIX + score + ":" + token;
        }
    }

    /** What a channel's reply id starts with when it answers a survey. */
    public static final String SURVEY_REPLY_PREFIX = "csat:";
}
