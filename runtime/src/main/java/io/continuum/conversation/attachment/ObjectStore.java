package io.continuum.conversation.attachment;

import java.io.InputStream;
import java.util.Optional;

/**
 * Where attachment bytes live. The filesystem store is the default; an S3 store implements
 * the same operations. Keys are content hashes, so storing the same file twice is harmless.
 */
public interface ObjectStore {

    /** Stores the bytes and returns the key to read them back. */
    StoredObject put(byte[] content);

    Optional<InputStream> get(String key);

    /** Removes the bytes for good; a key that is not stored is no error. */
    void delete(String key);

    record StoredObject(String key, String sha256, long sizeBytes) {
    }
}
