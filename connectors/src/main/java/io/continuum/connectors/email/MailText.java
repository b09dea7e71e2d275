package io.continuum.connectors.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Reads the bytes and text of a mail part the way real mail needs: a charset Java does not know
 * ({@code us-askey}) or none falls back to UTF-8 when the bytes are valid UTF-8, else to
 * windows-1252 (which maps every byte); a transfer encoding that breaks off (truncated base64) keeps
 * what was decoded; an unknown transfer encoding is read undecoded. Nothing here throws for content.
 */
final class MailText {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private MailText() {
    }

    /** A part's bytes up to {@code keep}; {@code sizeBytes} counts all of them; {@code damaged}: decoding broke off. */
    record Bytes(byte[] bytes, long sizeBytes, boolean damaged) {
    }

    static String decode(Part part, List<String> notes) throws MessagingException {
        Bytes bytes = bytes(part, Long.MAX_VALUE);
        if (bytes.damaged()) {
            notes.add("[Part of this e-mail's text could not be decoded; the readable part is shown]");
        }
        return text(bytes.bytes(), charsetOf(part));
    }

    /** The part's body exactly as written, transfer encoding and all, read as text. */
    static String decodeRaw(Part part, List<String> notes) throws MessagingException {
        try (InputStream in = raw(part)) {
            Bytes bytes = read(in, Long.MAX_VALUE);
            return text(bytes.bytes(), charsetOf(part));
        } catch (IOException e) {
            notes.add("[A part of this e-mail could not be read]");
            return "";
        }
    }

    static Bytes bytes(Part part, long keep) throws MessagingException {
        InputStream in;
        try {
            in = part.getInputStream();
        } catch (MessagingException | IOException unknownEncoding) {
            try {
                in = raw(part);
            } catch (IOException e) {
                return new Bytes(new byte[0], 0, true);
            }
        }
        try (InputStream decoded = in) {
            return read(decoded, keep);
        } catch (IOException e) {
            return new Bytes(new byte[0], 0, true);
        }
    }

    static String mimeType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static InputStream raw(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        return part.getInputStream();
    }

    /** Reads to the end, or to where the decoder gives up; keeps at most {@code keep} bytes and counts the rest. */
    private static Bytes read(InputStream in, long keep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (total < keep) {
                    out.write(chunk, 0, (int) Math.min(n, keep - total));
                }
                total += n;
            }
            return new Bytes(out.toByteArray(), total, false);
        } catch (IOException | RuntimeException brokenOff) {
            return new Bytes(out.toByteArray(), total, true);
        }
    }

    private static Charset charsetOf(Part part) {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name == null) {
                return null;
            }
            String java = MimeUtility.javaCharset(name.trim());
            return Charset.isSupported(java) ? Charset.forName(java) : null;
        } catch (MessagingException | RuntimeException unknown) {
            return null;
        }
    }

    private static String text(byte[] bytes, Charset declared) {
        if (declared != null) {
            return new String(bytes, declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }
}
