package io.continuum.decisions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class DecisionLogWritesTest {

    @Inject
    DecisionService decisions;
    @Inject
    EntityManager entityManager;

    @Test
    void aLoggedDecisionIsWrittenOnceHoweverOftenItsTransactionGoesOnToFlush() {
        QuarkusTransaction.requiringNew().run(() -> {
            // outputs as a DMN table gives them: numbers as BigDecimal, which a JSON round trip reads back as Integer
            UUID id = decisions.record("flush-once", 1, null, Map.of("intent", "how_to_guidance"),
                    Map.of("routing", Map.of("queue", "self-service", "priority", new BigDecimal("4")), "threshold", 0.8),
                    List.of(), 12);
            assertThat(entityManager.unwrap(SessionImplementor.class).getPersistenceContext().getNumberOfManagedEntities())
                    .as("the logged decision joins no session: later flushes of the transaction have nothing more to read")
                    .isZero();
            String inserted = rowVersion(id);

            // each native query flushes the session first, as the rest of a triage's statements do
            for (int flush = 0; flush < 3; flush++) {
                rowVersion(id);
            }

            assertThat(rowVersion(id)).as("an UPDATE writes a new row version").isEqualTo(inserted);
        });
    }

    @Test
    void aLoggedDecisionReadsBackAsItWasDecided() {
        UUID id = QuarkusTransaction.requiringNew().call(() -> decisions.record("read-back", 3, null,
                Map.of("intent", "billing_dispute", "tier", "enterprise"),
                Map.of("routing", Map.of("queue", "billing", "priority", new BigDecimal("2"))), List.of(), 41));

        DecisionRecord logged = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>findById(id));
        assertThat(logged.policyName).isEqualTo("read-back");
        assertThat(logged.policyVersion).isEqualTo(3);
        assertThat(logged.conversationId).isNull();
        assertThat(logged.inputs).containsEntry("intent", "billing_dispute").containsEntry("tier", "enterprise");
        assertThat(logged.outputs).isEqualTo(Map.of("routing", Map.of("queue", "billing", "priority", 2)));
        assertThat(logged.fired).isEmpty();
        assertThat(logged.durationMicros).isEqualTo(41);
        assertThat(logged.evaluatedAt).isNotNull();
    }

    private String rowVersion(UUID id) {
        return (String) entityManager.createNativeQuery("SELECT ctid::text FROM decision_log WHERE id = ?1")
                .setParameter(1, id).getSingleResult();
    }
}
