package io.continuum.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Files from a customer (attachments, the raw e-mail) sealed whole under their data key: a header
 * ({@value #HEADER}), then the key id, a random 96-bit nonce and the AES-256-GCM ciphertext with its tag, as
 * {@link PersonalData} seals a value. Whole files, not streams: the upload limit
 * ({@code quarkus.http.limits.max-body-size}) and the channels' attachment limit keep them small enough for
 * memory. A file without the header was stored before sealing and reads as it is.
 */
@ApplicationScoped
public class SealedFiles {

    static final String HEADER = "continuum-sealed-file:1\n";
    private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);

    private final PersonalData personalData;

    SealedFiles(PersonalData personalData) {
        this.personalData = personalData;
    }

    /** The file sealed under the customer's data key; a 409 once they are erased. */
    @Transactional(Transactional.TxType.MANDATORY)
    public byte[] seal(UUID customerId, byte[] content) {
        byte[] sealed = PersonalData.seal(personalData.keyOf(customerId), content);
        byte[] file = Arrays.copyOf(HEADER_BYTES, HEADER_BYTES.length + sealed.length);
        System.arraycopy(sealed, 0, file, HEADER_BYTES.length, sealed.length);
        return file;
    }

    /** The content of a stored file; empty when its customer was erased. */
    public Optional<byte[]> open(byte[] stored) {
        if (!isSealed(stored)) {
            return Optional.of(stored);
        }
        return personalData.open(Arrays.copyOfRange(stored, HEADER_BYTES.length, stored.length));
    }

    public static boolean isSealed(byte[] stored) {
        return stored.length >= HEADER_BYTES.length
                && Arrays.equals(stored, 0, HEADER_BYTES.length, HEADER_BYTES, 0, HEADER_BYTES.length);
    }
}
