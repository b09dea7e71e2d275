package io.continuum.connectors.email;

import io.continuum.connectors.channel.ChannelAdapter;
import io.continuum.connectors.channel.ChannelLimits;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.DeliveryFailure;
import io.continuum.connectors.channel.DeliveryReceipt;
import io.continuum.connectors.channel.InboundBatch;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.OutboundMessage;
import io.continuum.connectors.channel.StorableText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
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

    /** Parsing only, never sending: lenient about what real mailers write (8-bit headers, sloppy parameters). */
    private static final Session PARSING = Session.getInstance(lenient());
    private static final Pattern USABLE_ADDRESS = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+");

    private final ChannelLimits limits;
    private final ProducerTemplate producer;
    private final EmailConfig config;

    EmailAdapter(ChannelLimits limits, ProducerTemplate producer, EmailConfig config) {
        this.limits = limits;
        this.producer = producer;
        this.config = config;
    }

    private static Properties lenient() {
        Properties properties = new Properties();
        properties.put("mail.mime.allowutf8", "true");
        properties.put("mail.mime.address.strict", "false");
        properties.put("mail.mime.parameters.strict", "false");
        properties.put("mail.mime.decodetext.strict", "false");
        properties.put("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.put("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        properties.put("mail.mime.multipart.allowempty", "true");
        return properties;
    }

    @Override
    public String channel() {
        return Channels.EMAIL;
    }

    @Override
    public InboundBatch normalise(byte[] raw) {
        return normaliseFetched(new RawMail.Fetched(raw, raw.length, false));
    }

    @Override
    public InboundBatch normaliseRaw(byte[] raw) {
        return normalise(raw);
    }

    /**
     * A mail as fetched: a message, ignored (auto-reply, bounce, our own), or rejected with its raw bytes
     * when it cannot become a message (no usable sender, nothing readable). Never throws for what the
     * mail contains: one bad mail must not hold up the mailbox.
     */
    public InboundBatch normaliseFetched(RawMail.Fetched fetched) {
        byte[] raw = fetched.bytes();
        String reference = null;
        try {
            MimeMessage mail = new MimeMessage(PARSING, new ByteArrayInputStream(raw));
            String automated = automatedReason(mail);
            if (automated != null) {
                return InboundBatch.ignoring(automated);
            }
            String messageId = messageId(header(mail, "Message-ID", null));
            // no Message-ID: the digest of the bytes is as stable, so a mail polled twice is still stored once
            reference = messageId != null ? messageId : "sha256:" + new InboundBatch.RawItem(raw, "message/rfc822").sha256();
            InternetAddress from = sender(mail);
            if (from == null) {
                return rejected(reference, "the e-mail has no usable From address", raw);
            }
            // one of our own replies came back into a polled mailbox: never a customer message (no loops)
            if (reference.startsWith("continuum:") || from.getAddress().equalsIgnoreCase(new InternetAddress(config.smtp().from()).getAddress())) {
                return InboundBatch.ignoring("our own message");
            }
            List<String> references = new ArrayList<>();
            String inReplyTo = messageId(header(mail, "In-Reply-To", null));
            String referencesHeader = header(mail, "References", " ");
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
            String subject = StorableText.clean(subject(mail));
            text = StorableText.clean(text);
            if (text.isBlank()) {
                // an empty body still says something: the subject, or that there was nothing, for first contact to triage
                text = subject == null || subject.isBlank() ? "(no text)" : subject;
            }
            List<String> notes = new ArrayList<>(content.notes);
            if (fetched.truncated()) {
                notes.add("[This e-mail is " + fetched.sizeBytes() + " bytes, more than the limit of " + config.maxRawBytes()
                        + " bytes: only its beginning was read and the original is not kept]");
            }
            if (!notes.isEmpty()) {
                text = (text + "\n\n" + String.join("\n", notes)).strip();
            }
            List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>(content.attachments);
            if (!fetched.truncated()) {
                attachments.add(new NormalizedMessage.InboundAttachment("original.eml", "message/rfc822", raw));
            }
            Matcher token = TOKEN.matcher(subject == null ? "" : subject);
            var normalized = new NormalizedMessage(Channels.EMAIL, reference,
                    new NormalizedMessage.Sender(from.getAddress().toLowerCase(Locale.ROOT), null, null, from.getPersonal(), null,
                            AuthenticationResults.anyFailed(mail.getHeader("Authentication-Results")) ? Boolean.FALSE : null),
                    text, attachments, sentDate(mail), inReplyTo);
            return InboundBatch.of(new InboundBatch.InboundMessage(normalized, references, token.find() ? token.group(1) : null,
                    new InboundBatch.RawItem(raw, "message/rfc822"), List.of()));
        } catch (MessagingException | RuntimeException e) {
            LOG.warnf("An e-mail could not be read (%s); it is quarantined", e.getClass().getSimpleName());
            return rejected(reference, "unreadable e-mail: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), raw);
        }
    }

    private static InboundBatch rejected(String reference, String reason, byte[] raw) {
        return InboundBatch.rejecting(new InboundBatch.Rejected(Channels.EMAIL, reference, reason,
                new InboundBatch.RawItem(raw, "message/rfc822")));
    }

    /** A header as text, or the default; a header that cannot be read counts as absent. */
    private static String header(MimeMessage mail, String name, String delimiter) {
        try {
            return mail.getHeader(name, delimiter);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException | RuntimeException e) {
            return header(mail, "Subject", null);
        }
    }

    private static java.time.Instant sentDate(MimeMessage mail) {
        try {
            return mail.getSentDate() == null ? null : mail.getSentDate().toInstant();
        } catch (MessagingException | RuntimeException e) {
            return null;
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
        InternetAddress from = sender(mail);
        if (from != null && MAILER_DAEMONS.contains(from.getAddress().toLowerCase(Locale.ROOT).split("@")[0])) {
            return "mailer daemon sender";
        }
        return null;
    }

    /** The first From address that looks like an address, or null. */
    private static InternetAddress sender(MimeMessage mail) {
        String value = header(mail, "From", ",");
        if (value == null) {
            return null;
        }
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                String email = address.getAddress();
                if (email != null && USABLE_ADDRESS.matcher(email.trim()).matches()) {
                    return address;
                }
            }
        } catch (AddressException unreadable) {
            return null;
        }
        return null;
    }

    /** A Message-ID without angle brackets; our own ids map back to the outbound message's external id. */
    static String messageId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String id = header.trim().replaceAll("^<|>$", "").trim();
        if (id.isEmpty()) {
            return null;
        }
        Matcher ours = OUR_MESSAGE_ID.matcher(id);
        return ours.matches() ? "continuum:" + ours.group(1) : id;
    }

    private static final class Content {
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<NormalizedMessage.InboundAttachment> attachments = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }

    /**
     * Collects text, HTML and attachments part by part. A part that cannot be read (a broken
     * structure, an unknown encoding) is noted and skipped; a multipart whose boundary is missing is
     * read as text, so its words still reach the agent.
     */
    private void read(Part part, Content content) throws MessagingException {
        try {
            if (part.isMimeType("multipart/*")) {
                readMultipart(part, content);
                return;
            }
            String fileName = fileName(part);
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || (fileName != null && !part.isMimeType("text/*"));
            if (attachment) {
                readAttachment(part, fileName == null ? "attachment" : fileName, content);
            } else if (part.isMimeType("text/html")) {
                content.html.append(MailText.decode(part, content.notes));
            } else if (part.isMimeType("text/*")) {
                content.text.append(MailText.decode(part, content.notes));
            }
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            LOG.debugf("An e-mail part could not be read: %s", unreadable.getClass().getSimpleName());
            content.notes.add("[A part of this e-mail could not be read]");
        }
    }

    private void readMultipart(Part part, Content content) throws MessagingException, IOException {
        Multipart multipart;
        int count;
        try {
            multipart = (Multipart) part.getContent();
            count = multipart.getCount();
        } catch (MessagingException | IOException | ClassCastException broken) {
            // e.g. the boundary never occurs: the body is still text someone wrote
            content.text.append(MailText.decodeRaw(part, content.notes));
            return;
        }
        boolean alternative = part.isMimeType("multipart/alternative");
        boolean plainAlternative = alternative && hasPlainAlternative(multipart);
        for (int i = 0; i < count; i++) {
            BodyPart child = multipart.getBodyPart(i);
            // of alternatives keep plain text when there is one; HTML only stands in for missing text
            if (plainAlternative && child.isMimeType("text/html")) {
                continue;
            }
            read(child, content);
        }
    }

    /** Streams the file: kept up to the attachment limit, beyond it only counted (never held in memory). */
    private void readAttachment(Part part, String name, Content content) throws MessagingException, IOException {
        MailText.Bytes file = MailText.bytes(part, limits.maxAttachmentBytes());
        if (file.sizeBytes() > limits.maxAttachmentBytes()) {
            LOG.warnf("Refused an e-mail attachment of %d bytes (limit %d)", file.sizeBytes(), limits.maxAttachmentBytes());
            content.notes.add(limits.refusalNote(name, file.sizeBytes()));
            return;
        }
        if (file.damaged()) {
            content.notes.add("[Attachment " + name + " is damaged: only its readable beginning was kept]");
        }
        String type = MailText.mimeType(part);
        content.attachments.add(new NormalizedMessage.InboundAttachment(name, type, file.bytes()));
    }

    private static String fileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            return "attachment";
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
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
