package io.continuum.connectors.channel;

import java.time.Instant;
import java.util.List;

/**
 * One inbound message in the shape every channel is normalised to before ingestion.
 *
 * @param channel    the channel it arrived on: web_chat, email, whatsapp, messenger, instagram, x, sms, voice
 * @param externalId the channel's own id for the message (e-mail Message-ID, WhatsApp wamid, …); with the
 *                   channel it identifies a redelivery
 * @param from       what the channel tells about the sender
 * @param threadRef  the channel's reference to an earlier message, e.g. an e-mail's In-Reply-To
 */
public record NormalizedMessage(String channel, String externalId, Sender from, String content,
                                List<InboundAttachment> attachments, Instant receivedAt, String threadRef) {

    /** Whatever a channel delivered, its text is made storable here, once for every channel. */
    public NormalizedMessage {
        externalId = StorableText.clean(externalId);
        content = StorableText.clean(content);
        threadRef = StorableText.clean(threadRef);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * Identifiers a channel knows about a sender; any may be absent. Phone numbers, social ids and
     * device ids come from the channel itself. {@code emailVerified} false makes the e-mail address
     * only a claim that finds and merges nobody: typed into the web chat widget without the host
     * site's signature, or sent by mail that failed DMARC/DKIM/SPF. True or null: the channel (or the
     * signed-in integration posting the message) vouches for it, as for an e-mail's sender.
     */
    public record Sender(String email, String phone, String socialId, String name, String deviceId, Boolean emailVerified) {

        public Sender {
            email = StorableText.clean(email);
            phone = StorableText.clean(phone);
            socialId = StorableText.clean(socialId);
            name = StorableText.clean(name);
            deviceId = StorableText.clean(deviceId);
        }

        public Sender(String email, String phone, String socialId, String name, String deviceId) {
            this(email, phone, socialId, name, deviceId, null);
        }
    }

    /** A file sent with a message; {@code content} is base64 in JSON. */
    public record InboundAttachment(String fileName, String contentType, byte[] content) {

        public InboundAttachment {
            fileName = StorableText.clean(fileName);
            contentType = StorableText.clean(contentType);
        }
    }
}
