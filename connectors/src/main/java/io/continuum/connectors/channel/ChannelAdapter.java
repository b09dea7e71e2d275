package io.continuum.connectors.channel;

import java.io.IOException;
import java.util.Optional;

/**
 * What every channel does: turn its own payloads into {@link NormalizedMessage}s and status
 * updates ({@link #normalise}), and send a reply ({@link #deliver}). Adapters are CDI beans; the
 * runtime finds the one for a channel through {@code @Any Instance<ChannelAdapter>}, never a switch.
 *
 * @param <P> the channel's inbound payload (a webhook's JSON, a MIME message, a chat frame)
 */
public interface ChannelAdapter<P> {

    /** The channel name, one of {@link Channels}. */
    String channel();

    /** What an inbound payload says: messages to ingest, statuses of messages we sent, or nothing of interest. */
    InboundBatch normalise(P payload);

    /**
     * Sends one reply. Called at most once per delivery attempt that the runtime recorded before
     * calling; {@link OutboundMessage#idempotencyKey()} is passed to the provider where it accepts one.
     *
     * @throws DeliveryFailure when the message did not go out
     */
    DeliveryReceipt deliver(OutboundMessage message) throws DeliveryFailure;

    /** Reads again an item kept raw ({@link InboundBatch.Rejected}), when a supervisor retries it. */
    default InboundBatch normaliseRaw(byte[] raw) {
        throw new UnsupportedOperationException(channel() + " keeps no raw items to read again");
    }

    /**
     * Fetches a file the channel only referenced ({@link InboundBatch.PendingFile}).
     *
     * @return the file, or empty when it exceeds the size limit (it will never be stored)
     * @throws IOException when it cannot be fetched now; it is tried again later
     */
    default Optional<NormalizedMessage.InboundAttachment> fetchPendingFile(InboundBatch.PendingFile file)
            throws IOException {
        throw new IOException(channel() + " has no files to fetch later");
    }
}
