package io.continuum.erasure;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.confirmation.EmailConfirmations;
import io.continuum.consent.Consents;
import io.continuum.conversation.ConversationErasure;
import io.continuum.decisions.DecisionLogErasure;
import io.continuum.firstcontact.IntentExamples;
import io.continuum.identity.IdentityErasure;
import io.continuum.knowledge.SimilarCases;
import io.continuum.privacy.DataKeys;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Erases a person, in one transaction: their data key is destroyed, so every message, note and audited
 * name sealed under it is unreadable for good (crypto-shredding), and what was derived from their words
 * in clear is deleted: identifiers and profile, AI annotations, hand-off briefs, state-change reasons,
 * attachments, similar-case embeddings, decision inputs, e-mail confirmations' addresses, consents, and the
 * classifier's examples made from their messages (every node's classifier drops them). Everyone merged with
 * them is the same person and is erased with them. Conversations stay as shells, so metrics stay right. The audit entry holds
 * ids, counts and the reason, nothing that names them. Erasing again changes nothing.
 */
@ApplicationScoped
public class CustomerErasure {

    private final IdentityErasure identity;
    private final DataKeys dataKeys;
    private final ConversationErasure conversations;
    private final SimilarCases similarCases;
    private final DecisionLogErasure decisions;
    private final EmailConfirmations confirmations;
    private final Consents consents;
    private final IntentExamples examples;
    private final AuditTrail audit;
    private final Clock clock;

    CustomerErasure(IdentityErasure identity, DataKeys dataKeys, ConversationErasure conversations,
                    SimilarCases similarCases, DecisionLogErasure decisions, EmailConfirmations confirmations,
                    Consents consents, IntentExamples examples, AuditTrail audit, Clock clock) {
        this.identity = identity;
        this.dataKeys = dataKeys;
        this.conversations = conversations;
        this.similarCases = similarCases;
        this.decisions = decisions;
        this.confirmations = confirmations;
        this.consents = consents;
        this.examples = examples;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Erasure erase(UUID customerId, ErasureReason reason, Actor actor) {
        Set<UUID> person = identity.samePerson(customerId).orElseThrow(() -> ProblemException.notFound("Customer", customerId));
        Instant now = clock.instant();
        if (identity.erased(person)) {
            return new Erasure(customerId, List.copyOf(person), List.of(), now, true);
        }
        dataKeys.destroy(person);
        identity.forget(person, now);
        confirmations.forget(person);
        List<UUID> shells = conversations.forget(person);
        similarCases.forget(shells);
        decisions.forgetInputs(shells);
        consents.forget(person);
        int examplesForgotten = examples.forgetExamplesFrom(shells);
        for (UUID erased : person) {
            audit.record("customer", erased, "erased", actor, null, Map.of("reason", reason.wireName(),
                    "requestedFor", customerId, "erasedCustomerIds", List.copyOf(person), "conversations", shells.size(), "examplesForgotten", examplesForgotten));
        }
        return new Erasure(customerId, List.copyOf(person), shells, now, false);
    }
}
