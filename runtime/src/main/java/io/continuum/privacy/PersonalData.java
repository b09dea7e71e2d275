package io.continuum.privacy;

import io.continuum.problem.ProblemException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Seals a customer's personal data under their data key and opens it again. A sealed value is
 * {@code enc:1:} and the base64 of the key id (16 bytes), a random 96-bit nonce and the AES-256-GCM
 * ciphertext with its tag (the key id is also its associated data). {@code 1} is the format's version.
 * Once the customer is erased their key is gone, and every value it sealed opens as {@link #ERASED}.
 * Values stored before encryption (no prefix) read as they are.
 */
@ApplicationScoped
// looked up from entities (instance()), which ArC cannot see as injection points: keep it in the build
@Unremovable
public class PersonalData {

    public static final String ERASED = "[erased]";
    public static final String PREFIX = "enc:1:";
    private static final int ID_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataKeys keys;

    PersonalData(DataKeys keys) {
        this.keys = keys;
    }

    /** For entities opening their columns when they are loaded, where nothing can be injected. */
    public static PersonalData instance() {
        return Arc.container().instance(PersonalData.class).get();
    }

    /** The value sealed under the customer's data key; null stays null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String seal(UUID customerId, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        return sealed(keyOf(customerId), plaintext);
    }

    /** The customer's data key; a 409 once they are erased. */
    @Transactional(Transactional.TxType.MANDATORY)
    DataKeys.Unwrapped keyOf(UUID customerId) {
        return keys.forCustomer(customerId).orElseThrow(() -> ProblemException.conflict(
                "customer-erased", "Customer " + customerId + " is erased; nothing more is stored about them"));
    }

    /** The key id (16 bytes), a random 96-bit nonce and the AES-256-GCM ciphertext with its tag. */
    static byte[] seal(DataKeys.Unwrapped key, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] keyId = MasterKey.idBytes(key.id());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(ID_BYTES + NONCE_BYTES + sealed.length).put(keyId).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a value under data key " + key.id(), e);
        }
    }

    /**
     * Like {@link #seal}, for what is written about a customer without their asking (automation, people working
     * their conversation) that may come after their erasure: then nothing is kept and the answer is {@link #ERASED}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String sealUnlessErased(UUID customerId, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        return keys.forCustomer(customerId).map(key -> sealed(key, plaintext)).orElse(ERASED);
    }

    private static String sealed(DataKeys.Unwrapped key, String plaintext) {
        return PREFIX + Base64.getEncoder().encodeToString(seal(key, plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** The plaintext of a stored value: {@link #ERASED} when its key was destroyed; null stays null. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        return open(Base64.getDecoder().decode(stored.substring(PREFIX.length())))
                .map(plaintext -> new String(plaintext, StandardCharsets.UTF_8)).orElse(ERASED);
    }

    /** The plaintext of what {@link #seal(DataKeys.Unwrapped, byte[])} sealed; empty once its key was destroyed. */
    Optional<byte[]> open(byte[] sealed) {
        ByteBuffer value = ByteBuffer.wrap(sealed);
        UUID keyId = new UUID(value.getLong(), value.getLong());
        return keys.byId(keyId).map(key -> open(key.key(), keyId, sealed));
    }

    /** The id of the data key that sealed a stored value; empty for a value stored before encryption. */
    public static Optional<UUID> keyIdOf(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        ByteBuffer value = ByteBuffer.wrap(Base64.getDecoder().decode(stored.substring(PREFIX.length())));
        return Optional.of(new UUID(value.getLong(), value.getLong()));
    }

    private static byte[] open(SecretKey key, UUID keyId, byte[] value) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, ID_BYTES, NONCE_BYTES));
            cipher.updateAAD(value, 0, ID_BYTES);
            return cipher.doFinal(value, ID_BYTES + NONCE_BYTES, value.length - ID_BYTES - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A value sealed under data key " + keyId + " does not open: it was altered", e);
        }
    }
}
