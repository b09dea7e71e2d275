package io.continuum.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/**
 * Metadata of a file sent with a message; the bytes live in the object store under {@code storageKey}, sealed
 * under the customer's data key ({@code sealed}; files stored before sealing are plain until
 * {@link AttachmentSealing} seals them). {@code sizeBytes} and {@code sha256} describe the file as it was sent.
 */
@Entity
public class Attachment extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID messageId;
    public String fileName;
    public String contentType;
    public long sizeBytes;
    public String sha256;
    public String storageKey;
    public boolean sealed;
    public Instant createdAt;
}
