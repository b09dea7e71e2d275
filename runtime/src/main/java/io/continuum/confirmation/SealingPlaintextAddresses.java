package io.continuum.confirmation;

import io.continuum.identity.IdentityService;
import io.continuum.privacy.BlindIndex;
import io.continuum.platform.Batches;
import io.continuum.privacy.PersonalData;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Seals the addresses of confirmations stored before they were encrypted and gives them their blind
 * index; those of customers erased since lose them. At start, a batch per transaction, only rows still
 * in clear, so it is idempotent.
 */
@ApplicationScoped
class SealingPlaintextAddresses {

    private static final Logger LOG = Logger.getLogger(SealingPlaintextAddresses.class);
    private static final int BATCH = 200;

    private final BlindIndex blindIndex;
    private final IdentityService identity;
    private final EntityManager entityManager;

    SealingPlaintextAddresses(BlindIndex blindIndex, IdentityService identity, EntityManager entityManager) {
        this.blindIndex = blindIndex;
        this.identity = identity;
        this.entityManager = entityManager;
    }

    void onStart(@Observes StartupEvent start) {
        int total = Batches.untilNoneLeft(this::sealBatch);
        if (total > 0) {
            LOG.infof("Sealed %d e-mail confirmations' addresses stored in clear", total);
        }
    }

    int sealBatch() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("SELECT id FROM email_confirmation WHERE email_index IS NULL "
                        + "AND email NOT LIKE ?1 AND status <> ?2 LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, PersonalData.PREFIX + "%").setParameter(2, EmailConfirmation.Status.ERASED.wireName())
                .getResultList();
        for (UUID id : ids) {
            EmailConfirmation confirmation = EmailConfirmation.findById(id);
            if (identity.find(confirmation.customerId).map(customer -> customer.erasedAt != null).orElse(true)) {
                confirmation.erased();
            } else {
                confirmation.address(confirmation.email, EmailConfirmations.indexOf(blindIndex, confirmation.email));
            }
        }
        return ids.size();
    }
}
