package io.continuum.connectors.email;

import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;

import java.io.UnsupportedEncodingException;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Builds the reply as a MIME message whose Message-ID is derived from our message id — the same
 * on every attempt, so a receiving server or client recognises a repeat — and which carries the
 * thread (In-Reply-To, References) and the conversation token in the subject.
 */
@ApplicationScoped
public class EmailComposer {

    /**
     * Composing only (the mail component sends with its own session), so one for every reply: creating a session
     * reads Jakarta Mail's provider and address-map files from every jar on the class path, which cost more CPU
     * than the rest of the reply's delivery together.
     */
    private static final Session COMPOSING = Session.getInstance(new Properties());

    private final EmailConfig config;

    EmailComposer(EmailConfig config) {
        this.config = config;
    }

    public void compose(Exchange exchange) throws MessagingException, UnsupportedEncodingException {
        OutboundMessage message = exchange.getIn().getBody(OutboundMessage.class);
        String messageId = "<" + message.idempotencyKey() + "@" + config.smtp().messageIdDomain() + ">";
        MimeMessage mail = new FixedIdMimeMessage(COMPOSING, messageId);
        mail.setFrom(new InternetAddress(config.smtp().from()));
        mail.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.to().email(), message.to().name(), "UTF-8"));
        mail.setSubject("Re: your request [#" + message.conversationToken() + "]", "UTF-8");
        if (message.inReplyTo() != null) {
            mail.setHeader("In-Reply-To", bracketed(message.inReplyTo()));
        }
        if (!message.references().isEmpty()) {
            mail.setHeader("References", message.references().stream().map(this::bracketed).collect(Collectors.joining(" ")));
        }
        mail.setHeader("Auto-Submitted", "no");
        mail.setText(message.content(), "UTF-8");
        mail.saveChanges();
        exchange.getIn().setBody(mail);
        exchange.setProperty("continuum.messageId", messageId);
    }

    public DeliveryReceipt receipt(Exchange exchange) {
        return new DeliveryReceipt(exchange.getProperty("continuum.messageId", String.class));
    }

    private String bracketed(String externalId) {
        // our outbound messages are known by "continuum:<uuid>", their Message-ID is "<continuum-<uuid>@domain>"
        if (externalId.startsWith("continuum:")) {
            return "<continuum-" + externalId.substring("continuum:".length()) + "@" + config.smtp().messageIdDomain() + ">";
        }
        return externalId.startsWith("<") ? externalId : "<" + externalId + ">";
    }

    /** Keeps the Message-ID we chose when JavaMail saves the message before sending. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
