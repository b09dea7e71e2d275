package io.continuum.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A data key as stored: wrapped by a master key, or destroyed (then nothing it sealed can be read). */
@Entity
@Table(name = "privacy_data_key")
public class DataKey extends PanacheEntityBase {

    static final String CUSTOMER = "customer";
    static final String BLIND_INDEX = "blind-index";

    @Id
    public UUID id;
    public String purpose;
    public UUID customerId;
    public byte[] wrapped;
    public String masterKeyId;
    public Instant createdAt;
    public Instant destroyedAt;

    boolean destroyed() {
        return wrapped == null;
    }
}
