package io.continuum.privacy;

import io.continuum.platform.AfterTransaction;
import io.continuum.platform.NativeStatements;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, unwraps, re-wraps and destroys data keys. Unwrapped keys stay in this node's memory for
 * {@code continuum.privacy.key-cache-ttl}; a key created in a transaction that rolls back is forgotten
 * with it, so nothing is ever sealed under a key that was not stored.
 */
@ApplicationScoped
public class DataKeys {

    private static final Logger LOG = Logger.getLogger(DataKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A usable data key and its id, which travels with everything it seals. */
    record Unwrapped(UUID id, SecretKey key, Instant loadedAt) {
    }

    private final MasterKeys masterKeys;
    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final PrivacyConfig config;
    private final Clock clock;
    private final Map<UUID, Unwrapped> byId = new ConcurrentHashMap<>();
    private final Map<UUID, Unwrapped> byCustomer = new ConcurrentHashMap<>();

    DataKeys(MasterKeys masterKeys, EntityManager entityManager, TransactionSynchronizationRegistry transactions,
             PrivacyConfig config, Clock clock) {
        this.masterKeys = masterKeys;
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.config = config;
        this.clock = clock;
    }

    /** At start: without a master key the node stops here; with a rotated one, every data key is re-wrapped. */
    @Transactional
    void onStart(@Observes StartupEvent start) {
        int rewrapped = rewrap();
        if (rewrapped > 0) {
            LOG.infof("Re-wrapped %d data keys under master key %s", rewrapped, masterKeys.current().id());
        }
    }

    /**
     * Re-wraps every data key wrapped by a previous master key under the current one; the data they
     * sealed stays as it is.
     *
     * @return how many keys were re-wrapped
     */
    @Transactional
    public int rewrap() {
        MasterKey current = masterKeys.current();
        List<DataKey> stale = DataKey.list("wrapped is not null and masterKeyId <> ?1", current.id());
        for (DataKey key : stale) {
            MasterKey previous = masterKeys.byId(key.masterKeyId).orElseThrow(() -> new IllegalStateException(
                    "Data key " + key.id + " is wrapped by master key " + key.masterKeyId + ", which is neither the "
                            + "current one nor in continuum.privacy.previous-master-keys"));
            key.wrapped = current.wrap(key.id, previous.unwrap(key.id, key.wrapped));
            key.masterKeyId = current.id();
        }
        return stale.size();
    }

    /** The customer's data key, created with their first sealed value. Empty once erased. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Unwrapped> forCustomer(UUID customerId) {
        Unwrapped cached = byCustomer.get(customerId);
        if (fresh(cached)) {
            return Optional.of(cached);
        }
        Optional<DataKey> stored = DataKey.find("purpose = ?1 and customerId = ?2", DataKey.CUSTOMER, customerId)
                .firstResultOptional();
        if (stored.isEmpty()) {
            return Optional.of(create(DataKey.CUSTOMER, customerId));
        }
        return stored.filter(key -> !key.destroyed()).map(key -> remember(unwrap(key), customerId));
    }

    /** The key with this id, if it still exists. */
    Optional<Unwrapped> byId(UUID keyId) {
        Unwrapped cached = byId.get(keyId);
        if (fresh(cached)) {
            return Optional.of(cached);
        }
        return DataKey.<DataKey>findByIdOptional(keyId).filter(key -> !key.destroyed())
                .map(key -> remember(unwrap(key), key.customerId));
    }

    /** The key of the blind indexes, created at the first look-up. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    SecretKey blindIndexKey() {
        Optional<DataKey> stored = DataKey.find("purpose", DataKey.BLIND_INDEX).firstResultOptional();
        return stored.map(this::unwrap).orElseGet(() -> create(DataKey.BLIND_INDEX, null)).key();
    }

    /**
     * Destroys the customers' data keys: what they sealed can never be read again. Idempotent.
     *
     * @return how many keys were destroyed now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int destroy(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<DataKey> keys = DataKey.list("purpose = ?1 and customerId in ?2 and wrapped is not null",
                DataKey.CUSTOMER, customerIds);
        for (DataKey key : keys) {
            key.wrapped = null;
            key.masterKeyId = null;
            key.destroyedAt = now;
            byId.remove(key.id);
        }
        customerIds.forEach(byCustomer::remove);
        forgetAgainOnCommit(keys.stream().map(key -> key.id).toList(), customerIds);
        // a key erased in a transaction that rolls back is read again from the database next time
        return keys.size();
    }

    /**
     * Until the erasure commits, another transaction still reads the keys as they were and may cache them again
     * (a consumer opening one of the customer's messages meanwhile): at commit they leave this node's memory once more.
     */
    private void forgetAgainOnCommit(List<UUID> keyIds, Collection<UUID> customerIds) {
        AfterTransaction.onCommit(transactions, () -> {
            keyIds.forEach(byId::remove);
            customerIds.forEach(byCustomer::remove);
        });
    }

    private Unwrapped create(String purpose, UUID customerId) {
        UUID id = UUID.randomUUID();
        byte[] material = new byte[MasterKey.KEY_BYTES];
        RANDOM.nextBytes(material);
        MasterKey master = masterKeys.current();
        // a concurrent first message of the same customer may create its key at the same time: the first wins
        int inserted = NativeStatements.touching(entityManager, """
                        INSERT INTO privacy_data_key (id, purpose, customer_id, wrapped, master_key_id, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING""", "privacy_data_key")
                .setParameter(1, id).setParameter(2, purpose).setParameter(3, customerId)
                .setParameter(4, master.wrap(id, material)).setParameter(5, master.id())
                .setParameter(6, clock.instant())
                .executeUpdate();
        if (inserted == 0) {
            DataKey winner = DataKey.<DataKey>find(customerId == null ? "purpose = ?1" : "purpose = ?1 and customerId = ?2",
                    customerId == null ? new Object[]{purpose} : new Object[]{purpose, customerId}).firstResult();
            return unwrap(winner);
        }
        Unwrapped created = new Unwrapped(id, new SecretKeySpec(material, "AES"), clock.instant());
        if (customerId != null) {
            remember(created, customerId);
            forgetOnRollback(created, customerId);
        }
        return created;
    }

    private void forgetOnRollback(Unwrapped key, UUID customerId) {
        AfterTransaction.onRollback(transactions, () -> {
            byId.remove(key.id());
            byCustomer.remove(customerId, key);
        });
    }

    private Unwrapped unwrap(DataKey key) {
        MasterKey master = masterKeys.byId(key.masterKeyId).orElseThrow(() -> new IllegalStateException(
                "Data key " + key.id + " is wrapped by master key " + key.masterKeyId + ", which is not configured"));
        return new Unwrapped(key.id, new SecretKeySpec(master.unwrap(key.id, key.wrapped), "AES"), clock.instant());
    }

    private Unwrapped remember(Unwrapped key, UUID customerId) {
        byId.put(key.id(), key);
        if (customerId != null) {
            byCustomer.put(customerId, key);
        }
        return key;
    }

    private boolean fresh(Unwrapped cached) {
        return cached != null && cached.loadedAt().plus(config.keyCacheTtl()).isAfter(clock.instant());
    }
}
