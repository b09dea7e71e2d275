package io.continuum.privacy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class PersonalDataTest {

    @Inject
    PersonalData personalData;
    @Inject
    MasterKeys masterKeys;
    @Inject
    DataKeys dataKeys;
    @Inject
    EntityManager entityManager;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    Clock clock;
    @ConfigProperty(name = "continuum.data-dir")
    Path dataDir;

    @Test
    void messageTextsAndNotesAreStoredSealedAndReadInClear() {
        String phrase = "my parcel to Calle Mayor " + UUID.randomUUID() + " never came";
        JsonPath received = receive(inbound("email", sender(uniqueEmail("sealed"), null, null, null, null), phrase));
        String conversation = received.getString("conversationId");
        String note = "prefers calls after " + UUID.randomUUID();
        as("agent").body(Map.of("content", note)).when().post("/api/v1/conversations/{id}/notes", conversation)
                .then().statusCode(201);

        String storedMessage = storedText("message", UUID.fromString(received.getString("messageId")));
        String storedNote = (String) entityManager.createNativeQuery(
                        "select content from conversation_note where conversation_id = ?1")
                .setParameter(1, UUID.fromString(conversation)).getSingleResult();
        assertThat(List.of(storedMessage, storedNote)).allSatisfy(stored ->
                assertThat(stored).startsWith(PersonalData.PREFIX).doesNotContain(phrase, note, "Calle", "prefers"));

        JsonPath view = conversation(conversation);
        assertThat(view.getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content", String.class))
                .containsExactly(phrase);
        assertThat(view.getList("timeline.findAll { it.type == 'note' }.content", String.class)).containsExactly(note);
    }

    @Test
    void theSameTextSealsDifferentlyEachTimeAndAnAlteredValueDoesNotOpen() {
        UUID customer = UUID.randomUUID();
        String first = QuarkusTransaction.requiringNew().call(() -> personalData.seal(customer, "same words"));
        String second = QuarkusTransaction.requiringNew().call(() -> personalData.seal(customer, "same words"));

        assertThat(first).isNotEqualTo(second);
        assertThat(PersonalData.keyIdOf(first)).isEqualTo(PersonalData.keyIdOf(second));
        assertThat(personalData.open(first)).isEqualTo("same words");
        byte[] altered = Base64.getDecoder().decode(first.substring(PersonalData.PREFIX.length()));
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> personalData.open(PersonalData.PREFIX + Base64.getEncoder().encodeToString(altered)))
                .hasMessageContaining("altered");
    }

    @Test
    void aValueOfAnErasedCustomerOpensAsErased() {
        UUID customer = UUID.randomUUID();
        String sealed = QuarkusTransaction.requiringNew().call(() -> personalData.seal(customer, "to be forgotten"));
        QuarkusTransaction.requiringNew().run(() -> dataKeys.destroy(List.of(customer)));

        assertThat(personalData.open(sealed)).isEqualTo(PersonalData.ERASED);
    }

    /**
     * Rotation: the new master key with the old one listed as previous re-wraps every data key; a node
     * started with the new key alone reads what was sealed before; the old key alone no longer opens it.
     */
    @Test
    void aRotatedMasterKeyReWrapsTheDataKeysAndOldDataStillOpens() throws Exception {
        String phrase = "rotation " + UUID.randomUUID();
        String messageId = receive(inbound("email", sender(uniqueEmail("rotation"), null, null, null, null), phrase))
                .getString("messageId");
        String stored = storedText("message", UUID.fromString(messageId));
        String oldKey = Files.readString(dataDir.resolve("privacy").resolve("master.key")).strip();
        String newKey = MasterKey.generateBase64();
        UUID keyId = PersonalData.keyIdOf(stored).orElseThrow();
        try {
            int rewrapped = QuarkusTransaction.requiringNew().call(() -> dataKeys(newKey, oldKey).rewrap());
            assertThat(rewrapped).isPositive();
            assertThat(masterKeyIdOf(keyId)).isEqualTo(MasterKey.fromBase64(newKey).id());

            assertThat(new PersonalData(dataKeys(newKey)).open(stored)).isEqualTo(phrase);
            assertThat(storedText("message", UUID.fromString(messageId))).isEqualTo(stored);
            assertThatThrownBy(() -> new PersonalData(dataKeys(oldKey)).open(stored)).hasMessageContaining("not configured");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> dataKeys(oldKey, newKey).rewrap());
        }
        assertThat(masterKeyIdOf(keyId)).isEqualTo(masterKeys.current().id());
    }

    private String storedText(String table, UUID id) {
        return (String) entityManager.createNativeQuery("select content from " + table + " where id = ?1")
                .setParameter(1, id).getSingleResult();
    }

    private String masterKeyIdOf(UUID keyId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select master_key_id from privacy_data_key where id = ?1").setParameter(1, keyId).getSingleResult());
    }

    /** The beans as a node started with these keys (the first current, the others previous) would make them. */
    private DataKeys dataKeys(String current, String... previous) {
        PrivacyConfig config = config(current, previous);
        return new DataKeys(new MasterKeys(config, dataDir), entityManager, transactions, config, clock);
    }

    private static PrivacyConfig config(String current, String... previous) {
        return new PrivacyConfig() {
            @Override
            public Optional<String> masterKey() {
                return Optional.ofNullable(current);
            }

            @Override
            public Optional<Path> masterKeyFile() {
                return Optional.empty();
            }

            @Override
            public boolean generateMasterKey() {
                return false;
            }

            @Override
            public Optional<List<String>> previousMasterKeys() {
                return Optional.of(List.of(previous));
            }

            @Override
            public Duration keyCacheTtl() {
                return Duration.ZERO;
            }
        };
    }
}
