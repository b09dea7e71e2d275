package io.continuum.connectors.email;

import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.MalformedPayload;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail: a raw RFC 5322 message in, threaded by Message-ID / In-Reply-To / References with the
 * subject's conversation token as fallback; replies out by SMTP with our own Message-ID so the
 * customer's answer threads back. Auto-replies and bounces are recognised and never ingested.
 */
@ApplicationScoped
public class EmailAdapter implements ChannelAdapter<byte[]> {

    private static final Logger LOG = Logger.getLogger(EmailAdapter.class);
    private static final Pattern TOKEN = Pattern.compile("\\[#(C-[0-9a-f]{8})]");
    private static final Pattern OUR_MESSAGE_ID = Pattern.compile("continuum-([0-9a-f-]{36})@.*");
    private static final List<String> MAILER_DAEMONS = List.of("mailer-daemon", "postmaster", "mail-daemon");

    private final ChannelLimits limits;
    private final ProducerTemplate producer;
    private final EmailConfig config;

    EmailAdapter(ChannelLimits limits, ProducerTemplate producer, EmailConfig config) {
        this.limits = limits;
        this.producer = producer;
        this.config = config;
    }

    @Override
    public String channel() {
        return Channels.EMAIL;
    }

    @Override
    public InboundBatch normalise(byte[] raw) {
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            String automated = automatedReason(mail);
            if (automated != null) {
                return InboundBatch.ignoring(automated);
            }
            InternetAddress from = sender(mail);
            String messageId = messageId(mail.getHeader("Message-ID", null));
            if (messageId == null) {
                throw new MalformedPayload("the e-mail has no Message-ID");
            }
            // one of our own replies came back into a polled mailbox: never a customer message (no loops)
            if (messageId.startsWith("continuum:") || from.getAddress().equalsIgnoreCase(new InternetAddress(config.smtp().from()).getAddress())) {
                return InboundBatch.ignoring("our own message");
            }
            List<String> references = new ArrayList<>();
            String inReplyTo = messageId(mail.getHeader("In-Reply-To", null));
            String referencesHeader = mail.getHeader("References", " ");
            if (referencesHeader != null) {
                // newest reference first: the closest ancestor is the best place to continue
                List<String> all = new ArrayList<>(Arrays.stream(referencesHeader.trim().split("\\s+"))
                        .map(EmailAdapter::messageId).filter(id -> id != null).toList());
                java.util.Collections.reverse(all);
                references.addAll(all);
            }
            Content content = new Content();
            read(mail, content);
            String text = content.text.length() > 0 ? QuotedText.strip(content.text.toString())
                    : content.html.length() > 0 ? QuotedText.strip(HtmlText.toText(content.html.toString())) : "";
            if (!content.refusals.isEmpty()) {
                text = (text + "\n\n" + String.join("\n", content.refusals)).strip();
            }
            List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>(content.attachments);
            attachments.add(new NormalizedMessage.InboundAttachment("original.eml", "message/rfc822", raw));
            String subject = mail.getSubject();
            Matcher token = TOKEN.matcher(subject == null ? "" : subject);
            var normalized = new NormalizedMessage(Channels.EMAIL, messageId,
                    new NormalizedMessage.Sender(from.getAddress().toLowerCase(Locale.ROOT), null, null, from.getPersonal(), null,
                            AuthenticationResults.anyFailed(mail.getHeader("Authentication-Results")) ? Boolean.FALSE : null),
                    text.isBlank() && attachments.size() == 1 ? "(no text)" : text, attachments,
                    mail.getSentDate() == null ? null : mail.getSentDate().toInstant(), inReplyTo);
            return InboundBatch.of(new InboundBatch.InboundMessage(normalized, references, token.find() ? token.group(1) : null));
        } catch (MessagingException | IOException e) {
            throw new MalformedPayload("unreadable e-mail: " + e.getClass().getSimpleName());
        }
    }

    /** Why this mail was written by a machine (RFC 3834 auto-reply, bounce, list traffic), or null. */
    private static String automatedReason(MimeMessage mail) throws MessagingException {
        String autoSubmitted = mail.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null && !autoSubmitted.trim().equalsIgnoreCase("no")) {
            return "auto-submitted: " + autoSubmitted.trim();
        }
        if (mail.getHeader("X-Autoreply") != null || mail.getHeader("X-Autorespond") != null) {
            return "auto-reply header";
        }
        String precedence = mail.getHeader("Precedence", null);
        if (precedence != null && List.of("bulk", "junk", "list", "auto_reply").contains(precedence.trim().toLowerCase(Locale.ROOT))) {
            return "precedence " + precedence.trim();
        }
        String returnPath = mail.getHeader("Return-Path", null);
        if (returnPath != null && returnPath.trim().equals("<>")) {
            return "null return path (bounce)";
        }
        if (mail.isMimeType("multipart/report")) {
            return "delivery report (bounce)";
        }
        Address[] from = mail.getFrom();
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
            String local = address.getAddress().toLowerCase(Locale.ROOT).split("@")[0];
            if (MAILER_DAEMONS.contains(local)) {
                return "mailer daemon sender";
            }
        }
        return null;
    }

    private static InternetAddress sender(MimeMessage mail) throws MessagingException {
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address) || address.getAddress() == null) {
            throw new MalformedPayload("the e-mail has no From address");
        }
        return address;
    }

    /** A Message-ID without angle brackets; our own ids map back to the outbound message's external id. */
    static String messageId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String id = header.trim().replaceAll("^<|>$", "").trim();
        Matcher ours = OUR_MESSAGE_ID.matcher(id);
        return ours.matches() ? "continuum:" + ours.group(1) : id;
    }

    private static final class Content {
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();
    }

    private void read(Part part, Content content) throws MessagingException, IOException {
        String fileName = part.getFileName();
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || (fileName != null && !part.isMimeType("text/*"));
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            boolean alternative = part.isMimeType("multipart/alternative");
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                // of alternatives keep plain text when there is one; HTML only stands in for missing text
                if (alternative && child.isMimeType("text/html") && hasPlainAlternative(multipart)) {
                    continue;
                }
                read(child, content);
            }
        } else if (attachment) {
            byte[] bytes;
            try (var in = part.getInputStream(); var out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                bytes = out.toByteArray();
            }
            String name = fileName == null ? "attachment" : fileName;
            if (bytes.length > limits.maxAttachmentBytes()) {
                LOG.warnf("Refused an e-mail attachment of %d bytes (limit %d)", bytes.length, limits.maxAttachmentBytes());
                content.refusals.add(limits.refusalNote(name, bytes.length));
            } else {
                String type = part.getContentType() == null ? "application/octet-stream" : part.getContentType().split(";")[0].trim();
                content.attachments.add(new NormalizedMessage.InboundAttachment(name, type, bytes));
            }
        } else if (part.isMimeType("text/plain")) {
            content.text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            content.html.append(part.getContent());
        }
    }

    private static boolean hasPlainAlternative(Multipart multipart) throws MessagingException {
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public DeliveryReceipt deliver(OutboundMessage message) throws DeliveryFailure {
        if (message.to().email() == null) {
            throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "the customer has no e-mail address");
        }
        try {
            return producer.requestBody(EmailOutboundRoute.ENDPOINT, message, DeliveryReceipt.class);
        } catch (CamelExecutionException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof DeliveryFailure failure) {
                    throw failure;
                }
                if (cause instanceof SendFailedException) {
                    throw new DeliveryFailure(DeliveryFailure.Kind.PERMANENT, "the SMTP server refused the recipient", e);
                }
            }
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "SMTP send failed: " + rootName(e), e);
        }
    }

    private static String rootName(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
