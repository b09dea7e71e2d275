package io.continuum.privacy;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed blind indexes: HMAC-SHA256 of a normalised identifier under the blind-index data key, so an
 * identifier can be looked up, and named in an audit entry, without being stored or written in clear.
 * The key is a data key like the customers' (wrapped by the master key, re-wrapped by a rotation),
 * so rotating the master key leaves every index as it is.
 */
@ApplicationScoped
public class BlindIndex {

    /** Characters of an index shown to people: enough to tell one customer's identifiers apart. */
    static final int SHOWN_PREFIX = 8;

    private final DataKeys keys;
    private volatile SecretKey key;

    BlindIndex(DataKeys keys) {
        this.keys = keys;
    }

    /** The index of a normalised identifier of a kind ("email") on a network ("" or "whatsapp"). */
    public String of(String kind, String network, String normalisedValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            mac.update((kind + "\u0000" + network + "\u0000").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not compute a blind index", e);
        }
    }

    /** How an audit entry or a merge reason names an identifier: "email #3f2a9c01…". */
    public String describe(String kind, String network, String normalisedValue) {
        return kind + " #" + of(kind, network, normalisedValue).substring(0, SHOWN_PREFIX) + "…";
    }

    private SecretKey key() {
        SecretKey known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = keys.blindIndexKey();
                }
                known = key;
            }
        }
        return known;
    }
}
