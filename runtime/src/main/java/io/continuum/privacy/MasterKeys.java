package io.continuum.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/** The current master key, from configuration, and the previous ones a rotation still has to re-wrap from. */
@ApplicationScoped
class MasterKeys {

    static final String NO_MASTER_KEY = """
            Continuum cannot start: personal data is encrypted under a master key and none is configured. Set
              CONTINUUM_PRIVACY_MASTER_KEY=<base64 of 32 random bytes, e.g. from: openssl rand -base64 32>
              or CONTINUUM_PRIVACY_MASTER_KEY_FILE=/run/secrets/continuum-master-key (README, "Configuration for production").
              Keep it safe: without it nothing encrypted can be read again.""";

    private final MasterKey current;
    private final List<MasterKey> previous;

    MasterKeys(PrivacyConfig config, @ConfigProperty(name = "continuum.data-dir") Path dataDir) {
        this.current = MasterKey.fromBase64(currentBase64(config, dataDir));
        this.previous = config.previousMasterKeys().orElse(List.of()).stream().map(MasterKey::fromBase64).toList();
    }

    MasterKey current() {
        return current;
    }

    Optional<MasterKey> byId(String id) {
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return previous.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    private static String currentBase64(PrivacyConfig config, Path dataDir) {
        if (config.masterKey().filter(key -> !key.isBlank()).isPresent()) {
            return config.masterKey().get();
        }
        if (config.masterKeyFile().isPresent()) {
            return read(config.masterKeyFile().get());
        }
        if (!config.generateMasterKey()) {
            throw new IllegalStateException(NO_MASTER_KEY);
        }
        Path generated = dataDir.resolve("privacy").resolve("master.key");
        if (Files.exists(generated)) {
            return read(generated);
        }
        String key = MasterKey.generateBase64();
        try {
            Files.createDirectories(generated.getParent());
            Files.writeString(generated, key);
            Files.setPosixFilePermissions(generated, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the generated master key in " + generated, e);
        }
        return key;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the master key file " + file, e);
        }
    }
}
