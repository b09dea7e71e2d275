package io.continuum.decisions;

import io.continuum.privacy.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * The decision log's side of erasing customers: what was decided about their conversations stays
 * (policy, version, outputs, rules fired, timing), the inputs go, since they quote the customer's words
 * (the classifier's text, the last message the escalation triggers read). Sealed inputs are unreadable
 * once the data key is gone; those logged before sealing are plain and are overwritten here.
 */
@ApplicationScoped
public class DecisionLogErasure {

    private final EntityManager entityManager;

    DecisionLogErasure(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetInputs(List<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("UPDATE decision_log SET inputs = '" + PersonalData.ERASED + "' WHERE conversation_id = ANY(?1)")
                .setParameter(1, conversationIds.toArray(UUID[]::new)).executeUpdate();
    }
}
