package io.continuum.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;

/**
 * PostgreSQL transaction-scoped advisory locks: serialise work on the same key across
 * threads and nodes until the transaction ends. Callers lock several keys in sorted order
 * so two transactions never wait on each other in a cycle.
 */
@ApplicationScoped
public class AdvisoryLocks {

    private final EntityManager entityManager;

    AdvisoryLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String key) {
        entityManager.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) AS locked")
                .setParameter(1, key)
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAll(Collection<String> keys) {
        keys.stream().distinct().sorted().forEach(this::lock);
    }
}
