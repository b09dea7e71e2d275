package io.continuum.connectors.channel;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits every channel applies the same way. */
@ApplicationScoped
public class ChannelLimits {

    private final long maxAttachmentBytes;

    public ChannelLimits(@ConfigProperty(name = "continuum.channels.max-attachment-bytes", defaultValue = "10485760") long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    public long maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    /** The note kept in the message text in place of a file that was refused, so the refusal is visible. */
    public String refusalNote(String fileName, long sizeBytes) {
        return "[Attachment " + fileName + " was not stored: " + sizeBytes + " bytes exceeds the limit of "
                + maxAttachmentBytes + " bytes]";
    }
}
