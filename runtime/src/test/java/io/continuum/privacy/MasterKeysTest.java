package io.continuum.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutAMasterKeyANodeThatMayNotDrawOneRefusesToStartAndSaysHowToFixIt() {
        assertThatThrownBy(() -> new MasterKeys(config(Optional.empty(), Optional.empty(), false), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONTINUUM_PRIVACY_MASTER_KEY=")
                .hasMessageContaining("openssl rand -base64 32");
        assertThat(dataDir.resolve("privacy")).doesNotExist();
    }

    @Test
    void aDrawnMasterKeyIsKeptForTheNextStart() {
        MasterKeys first = new MasterKeys(config(Optional.empty(), Optional.empty(), true), dataDir);
        MasterKeys second = new MasterKeys(config(Optional.empty(), Optional.empty(), true), dataDir);

        assertThat(second.current().id()).isEqualTo(first.current().id());
        UUID keyId = UUID.randomUUID();
        byte[] wrapped = first.current().wrap(keyId, new byte[32]);
        assertThat(second.current().unwrap(keyId, wrapped)).hasSize(32);
    }

    @Test
    void aConfiguredKeyWinsAndAFileIsReadWhenNoneIsSet() throws Exception {
        String key = MasterKey.generateBase64();
        Path file = Files.writeString(dataDir.resolve("master-key"), key + "\n");

        assertThat(new MasterKeys(config(Optional.of(key), Optional.empty(), false), dataDir).current().id())
                .isEqualTo(new MasterKeys(config(Optional.empty(), Optional.of(file), false), dataDir).current().id())
                .isEqualTo(MasterKey.fromBase64(key).id());
    }

    @Test
    void aWrappedKeyOpensOnlyForItsOwnIdAndMasterKey() {
        MasterKey master = MasterKey.fromBase64(MasterKey.generateBase64());
        UUID keyId = UUID.randomUUID();
        byte[] wrapped = master.wrap(keyId, new byte[32]);

        assertThatThrownBy(() -> master.unwrap(UUID.randomUUID(), wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKey.fromBase64(MasterKey.generateBase64()).unwrap(keyId, wrapped))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }

    private static PrivacyConfig config(Optional<String> key, Optional<Path> file, boolean generate) {
        return new PrivacyConfig() {
            @Override
            public Optional<String> masterKey() {
                return key;
            }

            @Override
            public Optional<Path> masterKeyFile() {
                return file;
            }

            @Override
            public boolean generateMasterKey() {
                return generate;
            }

            @Override
            public Optional<List<String>> previousMasterKeys() {
                return Optional.empty();
            }

            @Override
            public Duration keyCacheTtl() {
                return Duration.ofMinutes(1);
            }
        };
    }
}
