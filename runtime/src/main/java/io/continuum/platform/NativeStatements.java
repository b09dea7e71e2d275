package io.continuum.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;

/**
 * Native SQL writes that name the tables they touch. Hibernate does not read native SQL, so a statement
 * without names counts as touching every table: before it, Hibernate flushes whatever the session holds,
 * and for it, walks every entity type to clear their cache regions, on every call (3.9 % of a warm node's
 * processor samples, bench/README.md). Named, it still has Hibernate check the session for changes, but
 * flushes them only when one of those tables has some, and clears only the entity types mapped to them.
 */
public final class NativeStatements {

    private NativeStatements() {
    }

    /**
     * @param tables every table the statement writes or reads, and every table its foreign keys point to (a row
     *               the statement refers to may still wait in the session to be inserted)
     */
    public static Query touching(EntityManager entityManager, String sql, String... tables) {
        NativeQuery<?> query = entityManager.createNativeQuery(sql).unwrap(NativeQuery.class);
        for (String table : tables) {
            query.addSynchronizedQuerySpace(table);
        }
        return query;
    }
}
