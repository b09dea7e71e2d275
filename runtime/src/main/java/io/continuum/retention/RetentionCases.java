package io.continuum.retention;

import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationRetention;
import io.continuum.conversation.Conversations;
import io.continuum.decisions.PresentCases;
import io.continuum.identity.IdentityService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What retention decides about: every conversation whose content is still held, of a customer not erased,
 * with the policy's inputs as they stand at a given moment. The daily job and the simulation of a draft
 * version of retention-policy read the same cases.
 */
@ApplicationScoped
public class RetentionCases implements PresentCases {

    /** A conversation retention may act on, its customer, and the inputs it is decided by. */
    public record RetentionCase(UUID conversationId, UUID customerId, RetentionPolicy.Inputs inputs) {
    }

    private final ConversationRetention conversations;
    private final Conversations allConversations;
    private final IdentityService identity;
    private final RetentionPolicy policy;
    private final Clock clock;

    RetentionCases(ConversationRetention conversations, Conversations allConversations, IdentityService identity,
                   RetentionPolicy policy, Clock clock) {
        this.conversations = conversations;
        this.allConversations = allConversations;
        this.identity = identity;
        this.policy = policy;
        this.clock = clock;
    }

    /** The next cases after the cursor, by conversation id; fewer than {@code limit} only when there are no more. */
    public List<RetentionCase> next(Optional<UUID> after, int limit, Instant now) {
        List<RetentionCase> cases = new ArrayList<>();
        Optional<UUID> cursor = after;
        while (cases.size() < limit) {
            List<Conversation> page = conversations.withContent(cursor, limit);
            for (Conversation conversation : page) {
                caseOf(conversation, now).ifPresent(cases::add);
                if (cases.size() == limit) {
                    return cases;
                }
            }
            if (page.size() < limit) {
                return cases;
            }
            cursor = Optional.of(page.get(page.size() - 1).id);
        }
        return cases;
    }

    /** The conversation as a case now; empty once its content is gone or its customer erased (nothing twice). */
    public Optional<RetentionCase> current(UUID conversationId, Instant now) {
        return allConversations.find(conversationId)
                .filter(conversation -> conversation.contentRedactedAt == null)
                .flatMap(conversation -> caseOf(conversation, now));
    }

    private Optional<RetentionCase> caseOf(Conversation conversation, Instant now) {
        return identity.find(conversation.customerId)
                .filter(customer -> customer.erasedAt == null)
                .map(customer -> new RetentionCase(conversation.id, customer.id,
                        RetentionPolicy.Inputs.of(conversation, customer, now)));
    }

    @Override
    public String policy() {
        return RetentionPolicy.NAME;
    }

    /** Conversations whose content is held, those of erased customers included: an upper bound, for progress. */
    @Override
    public long count() {
        return conversations.countWithContent();
    }

    @Override
    public List<Case> page(Optional<UUID> after, int limit) {
        return next(after, limit, clock.instant()).stream()
                .map(found -> new Case(found.conversationId(), policy.context(found.inputs())))
                .toList();
    }
}
