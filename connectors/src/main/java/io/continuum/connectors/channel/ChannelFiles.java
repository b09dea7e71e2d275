package io.continuum.connectors.channel;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Files a channel only references in its webhook (a WhatsApp media id, a Messenger CDN address), fetched the same
 * way for every channel: within {@link ChannelLimits#maxAttachmentBytes()}, and when they cannot be fetched now,
 * kept as a {@link InboundBatch.PendingFile} fetched later, so the message is never held up by its file.
 */
public final class ChannelFiles {

    private static final Logger LOG = Logger.getLogger(ChannelFiles.class);

    /** A fetched file; {@code content} null when it exceeds the limit (it was not downloaded past it). */
    public record Fetched(String mimeType, long sizeBytes, byte[] content) {

        /** The bytes read, or a refusal when there are more than {@code maxBytes} of them. */
        public static Fetched within(String mimeType, byte[] bytes, long maxBytes) {
            return new Fetched(mimeType, bytes.length, bytes.length > maxBytes ? null : bytes);
        }
    }

    /** How a channel fetches one file by its reference. */
    @FunctionalInterface
    public interface Fetcher {
        Fetched fetch(String reference, long maxBytes) throws IOException, InterruptedException;
    }

    private ChannelFiles() {
    }

    /**
     * Adds the file to {@code attachments}; answers the note kept in the message text instead when it was refused
     * (too large) or cannot be fetched now (then it is added to {@code pending}).
     */
    public static String fetchInto(Fetcher fetcher, String reference, String fileName, ChannelLimits limits, String channel,
                                   List<NormalizedMessage.InboundAttachment> attachments, List<InboundBatch.PendingFile> pending) {
        try {
            Fetched file = fetcher.fetch(reference, limits.maxAttachmentBytes());
            if (file.content() == null) {
                LOG.warnf("Refused a %s file of %d bytes (limit %d)", channel, file.sizeBytes(), limits.maxAttachmentBytes());
                return limits.refusalNote(fileName, file.sizeBytes());
            }
            attachments.add(new NormalizedMessage.InboundAttachment(fileName, file.mimeType(), file.content()));
            return null;
        } catch (IOException e) {
            LOG.warnf("A %s file could not be fetched now (%s); the message is stored and the file fetched later", channel,
                    e.getClass().getSimpleName());
            pending.add(new InboundBatch.PendingFile(reference, fileName, e.getMessage()));
            return "[" + fileName + ": the file is being fetched]";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.add(new InboundBatch.PendingFile(reference, fileName, "interrupted"));
            return "[" + fileName + ": the file is being fetched]";
        }
    }

    /** A pending file fetched again; empty when it exceeds the limit (it will never be stored). */
    public static Optional<NormalizedMessage.InboundAttachment> fetchPending(Fetcher fetcher, InboundBatch.PendingFile file,
                                                                             ChannelLimits limits, String channel) throws IOException {
        try {
            Fetched fetched = fetcher.fetch(file.reference(), limits.maxAttachmentBytes());
            return fetched.content() == null ? Optional.empty()
                    : Optional.of(new NormalizedMessage.InboundAttachment(file.fileName(), fetched.mimeType(), fetched.content()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a " + channel + " file", e);
        }
    }
}
