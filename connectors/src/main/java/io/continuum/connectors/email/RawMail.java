package io.continuum.connectors.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The polled mail as the bytes the server holds (RFC 822, fetched as one stream, never through the
 * server's idea of its structure): what is parsed, and what is kept as the original. At most
 * {@code continuum.email.max-raw-bytes} are kept while streaming; the rest is counted, not held.
 */
@ApplicationScoped
public class RawMail {

    private final EmailConfig config;

    RawMail(EmailConfig config) {
        this.config = config;
    }

    /** A mail's bytes; {@code truncated} when it was larger than the limit and only its beginning was kept. */
    public record Fetched(byte[] bytes, long sizeBytes, boolean truncated) {
    }

    public Fetched fetch(Exchange exchange) throws MessagingException, IOException {
        MailMessage mail = exchange.getIn(MailMessage.class);
        Bounded out = new Bounded(config.maxRawBytes());
        mail.getOriginalMessage().writeTo(out);
        return out.fetched();
    }

    /** Keeps the first {@code limit} bytes written and counts the others. */
    static final class Bounded extends OutputStream {
        private final int limit;
        private byte[] buffer = new byte[8192];
        private int kept;
        private long total;

        Bounded(long limit) {
            this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 8);
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            total += length;
            int room = Math.min(length, limit - kept);
            if (room <= 0) {
                return;
            }
            if (kept + room > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(buffer.length * 2, kept + room)));
            }
            System.arraycopy(bytes, offset, buffer, kept, room);
            kept += room;
        }

        Fetched fetched() {
            return new Fetched(Arrays.copyOf(buffer, kept), total, total > kept);
        }
    }
}
