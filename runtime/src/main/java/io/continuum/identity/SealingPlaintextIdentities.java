package io.continuum.identity;

import io.continuum.platform.Batches;
import io.continuum.privacy.BlindIndex;
import io.continuum.privacy.PersonalData;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Seals what a database from before identifiers were encrypted holds in clear: identifiers' values (and
 * gives them their blind index), customers' names and companies, and the identifier a merge matched on,
 * which an old merge reason also named in clear. Runs at start, a batch per transaction, and takes only
 * rows still in clear, so running it again does nothing and a crash midway resumes where it stopped;
 * nodes starting together take different rows.
 */
@ApplicationScoped
class SealingPlaintextIdentities {

    private static final Logger LOG = Logger.getLogger(SealingPlaintextIdentities.class);
    private static final int BATCH = 200;

    private final BlindIndex blindIndex;
    private final EntityManager entityManager;

    SealingPlaintextIdentities(BlindIndex blindIndex, EntityManager entityManager) {
        this.blindIndex = blindIndex;
        this.entityManager = entityManager;
    }

    void onStart(@Observes StartupEvent start) {
        int identifiers = Batches.untilNoneLeft(this::sealIdentifiers);
        int customers = Batches.untilNoneLeft(this::sealCustomers);
        int merges = Batches.untilNoneLeft(this::sealMerges);
        if (identifiers + customers + merges > 0) {
            LOG.infof("Sealed what was stored in clear: %d identifiers, %d customers' names, %d merges",
                    identifiers, customers, merges);
        }
    }

    int sealIdentifiers() {
        List<UUID> ids = inClear("SELECT id FROM customer_identifier WHERE value_index IS NULL");
        for (UUID id : ids) {
            CustomerIdentifier edge = CustomerIdentifier.findById(id);
            IndexedIdentifier identifier = IndexedIdentifier.of(edge.identifier(), blindIndex);
            if (edge.verified && CustomerIdentifier.findVerified(identifier).isPresent()) {
                // it found nobody while in clear, so its owner's message made a new customer who holds it now: the
                // older edge stays as a claim, which an agent who checks it confirms (merging the two)
                edge.verified = false;
                LOG.warnf("Identifier %s of customer %s was learned again by another customer before it was sealed; "
                        + "it is now a claim of customer %s", edge.id, edge.customerId, edge.customerId);
            }
            edge.seal(identifier);
        }
        return ids.size();
    }

    int sealCustomers() {
        List<UUID> ids = inClear("SELECT id FROM customer WHERE erased_at IS NULL "
                + "AND (display_name NOT LIKE :sealed OR company NOT LIKE :sealed)");
        for (UUID id : ids) {
            Customer customer = Customer.findById(id);
            customer.rename(customer.displayName);
            customer.changeCompany(customer.company);
        }
        return ids.size();
    }

    int sealMerges() {
        List<UUID> ids = inClear("SELECT id FROM customer_merge WHERE identifier_value NOT LIKE :sealed");
        for (UUID id : ids) {
            CustomerMerge merge = CustomerMerge.findById(id);
            merge.sealMatchedValue();
            // an old reason read "came from email ana@example.com of customer …"; the two customers' identifiers are what it can name
            for (CustomerIdentifier identifier : CustomerIdentifier.<CustomerIdentifier>list(
                    "customerId in ?1", List.of(merge.survivingId, merge.mergedId))) {
                merge.reason = merge.reason.replace(identifier.kind + " " + identifier.value,
                        blindIndex.describe(identifier.kind, identifier.network, identifier.value));
            }
        }
        return ids.size();
    }

    @SuppressWarnings("unchecked")
    private List<UUID> inClear(String select) {
        var query = entityManager.createNativeQuery(select + " LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", UUID.class);
        if (select.contains(":sealed")) {
            query.setParameter("sealed", PersonalData.PREFIX + "%");
        }
        return query.getResultList();
    }
}
