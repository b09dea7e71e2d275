package io.continuum.conversation.attachment;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Stores attachments under {@code continuum.data-dir}/attachments, named by the SHA-256 of the bytes stored (sealed). */
@ApplicationScoped
@DefaultBean
public class FileSystemObjectStore implements ObjectStore {

    private final Path root;

    FileSystemObjectStore(@ConfigProperty(name = "continuum.data-dir") Path dataDir) {
        this.root = dataDir.resolve("attachments");
    }

    @Override
    public StoredObject put(byte[] content) {
        String sha256 = ObjectStore.sha256(content);
        Path target = pathOf(sha256);
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Path temporary = Files.createTempFile(target.getParent(), sha256, ".part");
                Files.write(temporary, content);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Attachment could not be stored", e);
        }
        return new StoredObject(sha256, sha256, content.length);
    }

    @Override
    public Optional<InputStream> get(String key) {
        if (!key.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path path = pathOf(key);
        try {
            return Files.exists(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Attachment could not be read", e);
        }
    }

    @Override
    public void delete(String key) {
        if (!key.matches("[0-9a-f]{64}")) {
            return;
        }
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Attachment could not be deleted", e);
        }
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
