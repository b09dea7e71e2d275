package io.continuum.conversation.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where attachment bytes live. The filesystem store is the default; an S3 store implements
 * the same operations. Keys are content hashes, so storing the same file twice is harmless.
 */
public interface ObjectStore {

    /** Stores the bytes and returns the key to read them back. */
    StoredObject put(byte[] content);

    Optional<InputStream> get(String key);

    /** The bytes stored under the key, read whole. */
    default Optional<byte[]> read(String key) {
        return get(key).map(stream -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("Stored object " + key + " could not be read", e);
            }
        });
    }

    /** Removes the bytes for good; a key that is not stored is no error. */
    void delete(String key);

    record StoredObject(String key, String sha256, long sizeBytes) {
    }

    /** The lowercase hex SHA-256 of the bytes. */
    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
