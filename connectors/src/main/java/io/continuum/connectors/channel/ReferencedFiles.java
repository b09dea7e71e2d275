package io.continuum.connectors.channel;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Files a channel only referenced by URL (an MMS's media, an X DM's photo): downloaded with the message up to
 * the attachment limit; one that cannot be fetched now is left pending and fetched later, one too large is
 * refused with a note in the text, so neither loses the message.
 */
public final class ReferencedFiles {

    private static final Logger LOG = Logger.getLogger(ReferencedFiles.class);

    /** How a channel downloads one of its files; {@link IllegalArgumentException} for a URL it must not fetch. */
    @FunctionalInterface
    public interface Fetcher {
        ProviderHttp.Download fetch(String url, long maxBytes) throws IOException, InterruptedException;
    }

    private ReferencedFiles() {
    }

    /**
     * Adds the file to the attachments, or answers the note kept in the text instead.
     *
     * @throws MalformedPayload when the URL is one the channel must not fetch
     */
    public static Optional<String> fetchInto(Fetcher fetcher, ChannelLimits limits, String url, String fileName,
                                             List<NormalizedMessage.InboundAttachment> attachments,
                                             List<InboundBatch.PendingFile> pending) {
        try {
            ProviderHttp.Download file = fetcher.fetch(url, limits.maxAttachmentBytes());
            if (file.content() == null) {
                LOG.warnf("Refused a file of %d bytes (limit %d)", file.sizeBytes(), limits.maxAttachmentBytes());
                return Optional.of(limits.refusalNote(fileName, file.sizeBytes()));
            }
            attachments.add(new NormalizedMessage.InboundAttachment(fileName, file.mimeType(), file.content()));
            return Optional.empty();
        } catch (IllegalArgumentException outside) {
            throw new MalformedPayload("a file URL the channel does not serve");
        } catch (IOException e) {
            LOG.warnf("A file could not be fetched now (%s); the message is stored and the file fetched later",
                    e.getClass().getSimpleName());
            pending.add(new InboundBatch.PendingFile(url, fileName, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.add(new InboundBatch.PendingFile(url, fileName, "interrupted"));
        }
        return Optional.of("[" + fileName + ": the file is being fetched]");
    }

    /** A pending file fetched again: empty when it exceeds the limit (it will never be stored). */
    public static Optional<NormalizedMessage.InboundAttachment> fetchPending(Fetcher fetcher, ChannelLimits limits,
                                                                             InboundBatch.PendingFile file) throws IOException {
        try {
            ProviderHttp.Download media = fetcher.fetch(file.reference(), limits.maxAttachmentBytes());
            return media.content() == null ? Optional.empty()
                    : Optional.of(new NormalizedMessage.InboundAttachment(file.fileName(), media.mimeType(), media.content()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a file", e);
        }
    }
}
